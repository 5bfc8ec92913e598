package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic but plausible matching data, the same for a seed: members with competences drawn from a
 * cluster's vocabulary, NACE sectors and places; groups, forming projects and watches; and calls
 * written with the same vocabulary, with a title, keywords and a description of some 1,500
 * characters. Used by the tests and the JMH benchmark.
 *
 * <p>The vocabulary ({@link #VOCABULARY}): {@value #SPECIFIC} specific competences, each a subject
 * and an aspect that share no word ("offshore wind inspection", "medical imaging calibration";
 * {@link #SUBJECTS} are 139 subjects, 39 of them of two words, {@link #ASPECTS} 40 aspects), and
 * the 139 bare subjects: 3,139 phrases, distinct after stemming. Their popularity is Zipf-like,
 * p(rank) ∝ 1 / (rank + 10): the most common competence is drawn 1.6 % of the time, the hundred
 * most common 41 % between them, and the 2,000 rarest still 20 % (a few holders each). The ranks
 * are a fixed shuffle, the same for every seed, so a bare subject is no more common than a specific
 * one.
 */
public final class MatchingData {

    static final String[] SUBJECTS = {
        "hydrogen",
        "green hydrogen",
        "fuel cell",
        "electrolyser",
        "battery",
        "lithium battery",
        "sodium battery",
        "solid-state battery",
        "solar",
        "photovoltaic",
        "wind",
        "offshore wind",
        "geothermal",
        "biomass",
        "biogas",
        "biofuel",
        "nuclear fusion",
        "heat pump",
        "district heating",
        "smart grid",
        "power electronics",
        "energy efficiency",
        "robot",
        "collaborative robot",
        "drone",
        "sensor",
        "lidar",
        "semiconductor",
        "microelectronics",
        "photonics",
        "laser",
        "optical fibre",
        "composite",
        "polymer",
        "bioplastic",
        "textile",
        "technical textile",
        "ceramic",
        "glass",
        "steel",
        "aluminium",
        "titanium",
        "timber",
        "concrete",
        "cement",
        "asphalt",
        "water",
        "wastewater",
        "desalination",
        "soil",
        "crop",
        "vineyard",
        "greenhouse",
        "dairy",
        "meat",
        "aquaculture",
        "fishery",
        "seaweed",
        "forest",
        "vaccine",
        "antibiotic",
        "diagnostic",
        "genomics",
        "proteomics",
        "microbiome",
        "medical device",
        "medical imaging",
        "prosthesis",
        "telemedicine",
        "cybersecurity",
        "blockchain",
        "cloud",
        "edge computing",
        "machine learning",
        "computer vision",
        "natural language",
        "speech recognition",
        "quantum",
        "supercomputing",
        "digital twin",
        "internet of things",
        "mobile network",
        "satellite",
        "earth observation",
        "space launcher",
        "logistics",
        "warehouse",
        "railway",
        "maritime",
        "harbour",
        "aviation",
        "airport",
        "automotive",
        "electric vehicle",
        "charging station",
        "bicycle",
        "cultural heritage",
        "museum",
        "tourism",
        "education",
        "apprenticeship",
        "circular economy",
        "plastic waste",
        "packaging",
        "food",
        "nutrition",
        "brewing",
        "cosmetics",
        "pharmaceutical",
        "building",
        "renovation",
        "insulation",
        "social housing",
        "mobility",
        "public transport",
        "urban planning",
        "flood",
        "wildfire",
        "air quality",
        "noise",
        "biodiversity",
        "pollinator",
        "carbon capture",
        "additive",
        "3D printing",
        "welding",
        "casting",
        "energie",
        "numérique",
        "santé",
        "agriculture",
        "industrie",
        "transport",
        "mécatronique",
        "usinage",
        "plasturgie",
        "biotechnologie",
        "électronique",
        "chimie verte"
    };
    static final String[] ASPECTS = {
        "storage",
        "design",
        "testing",
        "manufacturing",
        "modelling",
        "monitoring",
        "certification",
        "recycling",
        "integration",
        "safety",
        "analytics",
        "prototyping",
        "simulation",
        "maintenance",
        "training",
        "standardisation",
        "optimisation",
        "characterisation",
        "deployment",
        "market uptake",
        "life-cycle assessment",
        "quality control",
        "supply chain",
        "automation",
        "inspection",
        "calibration",
        "repair",
        "retrofitting",
        "financing",
        "regulation",
        "data management",
        "coating",
        "sorting",
        "cleaning",
        "forecasting",
        "control systems",
        "upscaling",
        "field trials",
        "procurement",
        "cost reduction"
    };

    /**
     * How many specific competences (a subject and an aspect) the vocabulary has, besides the bare
     * subjects.
     */
    static final int SPECIFIC = 3_000;

    /** The subject of each competence of the vocabulary. */
    private static final Map<String, String> SUBJECT_OF = new HashMap<>();

    /** The cluster's competences, most popular first: see the class comment. */
    static final List<String> VOCABULARY = vocabulary();

    /**
     * Where each rank's share of the draws ends: the cumulative Zipf-like weights, the last one 1.
     */
    private static final double[] POPULARITY = popularity(VOCABULARY.size());

    static final String[] FILLER =
            ("The action should demonstrate results at scale and involve end users from the start."
                 + " Proposals are expected to address the regulatory framework, social acceptance"
                 + " and the business case, and to build on the outcomes of earlier projects."
                 + " Applicants should describe how the consortium will exploit and disseminate the"
                 + " results, including open access to data, and how small and medium-sized"
                 + " enterprises take part. Activities are expected to start at technology"
                 + " readiness level four and reach level six by the end of the project.")
                    .split("(?<=\\.) ");
    static final String[] COUNTRIES = {
        "BE", "FR", "DE", "NL", "IT", "ES", "PT", "MA", "TN", "PL", "AT", "SE"
    };
    static final String[] SECTORS = {
        "C20.14", "C22.21", "C25.62", "C26.11", "C27.20", "C28.99", "D35.11", "E38.32", "F43.22",
        "J62.01", "J63.11", "M72.19", "M71.12", "A01.11", "C10.51", "H52.29", "Q86.90"
    };
    static final String[] PROGRAMMES = {
        "Horizon Europe",
        "Digital Europe Programme",
        "LIFE",
        "Interreg",
        "Single Market Programme",
        "Innovation Fund"
    };

    private final Random random;

    public MatchingData(long seed) {
        this.random = new Random(seed);
    }

    private static List<String> vocabulary() {
        List<String> specific = new ArrayList<>();
        for (String subject : SUBJECTS) {
            SUBJECT_OF.put(subject, subject);
            Set<String> words = Set.of(subject.split("[ -]"));
            for (String aspect : ASPECTS) {
                if (Arrays.stream(aspect.split("[ -]")).noneMatch(words::contains)) {
                    specific.add(subject + " " + aspect);
                    SUBJECT_OF.put(subject + " " + aspect, subject);
                }
            }
        }
        Random fixed = new Random(2026);
        Collections.shuffle(specific, fixed);
        List<String> all = new ArrayList<>(specific.subList(0, SPECIFIC));
        all.addAll(List.of(SUBJECTS));
        Collections.shuffle(all, fixed);
        return List.copyOf(all);
    }

    private static double[] popularity(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int rank = 1; rank <= n; rank++) {
            sum += 1.0 / (rank + 10);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    /** A competence of the vocabulary, drawn by its popularity. */
    String competence() {
        int at = Arrays.binarySearch(POPULARITY, random.nextDouble());
        return VOCABULARY.get(Math.min(VOCABULARY.size() - 1, at < 0 ? -at - 1 : at));
    }

    /** A bare subject: the subject of a competence drawn by its popularity. */
    private String subject() {
        return SUBJECT_OF.get(competence());
    }

    public List<Target> members(int n) {
        List<Target> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Set<String> competences = new LinkedHashSet<>();
            int count = 3 + random.nextInt(6);
            while (competences.size() < count) {
                competences.add(competence());
            }
            List<String> sectors =
                    List.of(
                            SECTORS[random.nextInt(SECTORS.length)],
                            SECTORS[random.nextInt(SECTORS.length)]);
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            members.add(
                    new Target(
                            TargetKind.MEMBER,
                            "m-" + i,
                            "Member " + i,
                            List.of("m-" + i),
                            facets(List.copyOf(competences), sectors),
                            Targets.places(country, country + (1 + random.nextInt(3))),
                            List.of(),
                            List.of(),
                            null));
        }
        return members;
    }

    private static List<Target.Facet> facets(List<String> competences, List<String> sectors) {
        List<Target.Facet> facets = new ArrayList<>();
        competences.forEach(c -> facets.add(new Target.Facet(FacetKind.COMPETENCE, c)));
        SectorTitles.get()
                .of(sectors)
                .forEach(t -> facets.add(new Target.Facet(FacetKind.SECTOR, t)));
        return facets;
    }

    public List<Target> groups(int n) {
        List<Target> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(
                    new Target(
                            TargetKind.GROUP,
                            "g-" + i,
                            "Group " + i,
                            List.of("m-" + i, "m-" + (i + 1)),
                            List.of(
                                    new Target.Facet(FacetKind.INTEREST, subject()),
                                    new Target.Facet(FacetKind.INTEREST, competence())),
                            List.of(),
                            List.of(),
                            List.of(),
                            null));
        }
        return groups;
    }

    public List<Target> projects(int n) {
        List<Target> projects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            projects.add(
                    new Target(
                            TargetKind.PROJECT,
                            "p-" + i,
                            "Project " + i,
                            List.of("m-" + i),
                            List.of(
                                    new Target.Facet(FacetKind.THEME, subject()),
                                    new Target.Facet(FacetKind.NEED, competence()),
                                    new Target.Facet(FacetKind.NEED, competence())),
                            List.of(),
                            List.of(),
                            List.of(),
                            random.nextInt(20) == 0 ? "call-" + random.nextInt(100) : null));
        }
        return projects;
    }

    public List<Target> watches(int n) {
        List<Target> watches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean keywords = random.nextInt(10) != 0;
            watches.add(
                    new Target(
                            TargetKind.WATCH,
                            "w-" + i,
                            "Watch " + i,
                            List.of("m-" + (i % 1000)),
                            keywords ? keywords() : List.of(),
                            List.of(),
                            random.nextInt(3) == 0
                                    ? List.of(
                                            PROGRAMMES[random.nextInt(PROGRAMMES.length)]
                                                    .toLowerCase())
                                    : List.of(),
                            random.nextInt(4) == 0 ? List.of("GRANT") : List.of(),
                            null));
        }
        return watches;
    }

    /** One or two keywords of the vocabulary. */
    private List<Target.Facet> keywords() {
        List<Target.Facet> keywords = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int k = 0; k < count; k++) {
            keywords.add(new Target.Facet(FacetKind.KEYWORD, competence()));
        }
        return keywords;
    }

    /** A call about two or three subjects of the vocabulary. */
    public FundingCall call(int i) {
        List<String> about = new ArrayList<>();
        int subjects = 2 + random.nextInt(2);
        for (int s = 0; s < subjects; s++) {
            about.add(competence());
        }
        String title =
                "Advancing " + about.get(0) + " and " + about.get(1) + " for a resilient economy";
        StringBuilder description = new StringBuilder();
        while (description.length() < 1_500) {
            description
                    .append(
                            random.nextInt(3) == 0
                                    ? "This topic covers " + competence() + ". "
                                    : "")
                    .append(FILLER[random.nextInt(FILLER.length)])
                    .append(' ');
        }
        List<String> countries =
                random.nextInt(4) == 0
                        ? List.of(
                                COUNTRIES[random.nextInt(COUNTRIES.length)],
                                COUNTRIES[random.nextInt(COUNTRIES.length)])
                        : List.of();
        return new FundingCall(
                "bench",
                "call-" + i,
                "ID-" + i,
                null,
                null,
                title,
                PROGRAMMES[random.nextInt(PROGRAMMES.length)],
                description.toString(),
                about,
                List.of(),
                random.nextInt(5) == 0 ? CallKind.TENDER : CallKind.GRANT,
                CallStatus.OPEN,
                null,
                List.of(Instant.parse("2027-03-01T17:00:00Z")),
                null,
                countries,
                null,
                null);
    }
}
