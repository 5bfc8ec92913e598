package coop.cluster.fundingwatch.match;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic but plausible matching data, the same for a seed: members with competences drawn from a vocabulary of
 * a cluster's fields (a few common, most rare), NACE sectors and places; groups, forming projects and watches; and
 * calls written with the same vocabulary, with a title, keywords and a description of some 1,500 characters. Used
 * by the tests and the JMH benchmark.
 */
public final class MatchingData {

    static final String[] SUBJECTS = {"hydrogen", "battery", "solar", "wind", "geothermal", "biomass", "robot",
            "drone", "sensor", "semiconductor", "photonics", "laser", "composite", "polymer", "textile", "ceramic",
            "steel", "aluminium", "timber", "concrete", "water", "wastewater", "soil", "crop", "dairy", "aquaculture",
            "fishery", "forest", "vaccine", "diagnostic", "genomics", "microbiome", "medical device", "telemedicine",
            "cybersecurity", "blockchain", "cloud", "edge computing", "machine learning", "computer vision",
            "natural language", "quantum", "satellite", "logistics", "railway", "maritime", "aviation", "automotive",
            "cultural heritage", "tourism", "education", "circular economy", "recycling", "packaging", "food",
            "nutrition", "building", "heat pump", "smart grid", "mobility", "energie", "numérique", "santé",
            "agriculture", "industrie", "transport", "mécatronique", "usinage", "plasturgie", "biotechnologie"};
    static final String[] ASPECTS = {"storage", "design", "testing", "manufacturing", "modelling", "monitoring",
            "certification", "recycling", "integration", "safety", "analytics", "prototyping", "simulation",
            "maintenance", "training", "standardisation", "optimisation", "characterisation", "deployment",
            "market uptake"};
    static final String[] FILLER = ("The action should demonstrate results at scale and involve end users from "
            + "the start. Proposals are expected to address the regulatory framework, social acceptance and the "
            + "business case, and to build on the outcomes of earlier projects. Applicants should describe how the "
            + "consortium will exploit and disseminate the results, including open access to data, and how small "
            + "and medium-sized enterprises take part. Activities are expected to start at technology readiness "
            + "level four and reach level six by the end of the project.").split("(?<=\\.) ");
    static final String[] COUNTRIES = {"BE", "FR", "DE", "NL", "IT", "ES", "PT", "MA", "TN", "PL", "AT", "SE"};
    static final String[] SECTORS = {"C20.14", "C22.21", "C25.62", "C26.11", "C27.20", "C28.99", "D35.11",
            "E38.32", "F43.22", "J62.01", "J63.11", "M72.19", "M71.12", "A01.11", "C10.51", "H52.29", "Q86.90"};
    static final String[] PROGRAMMES = {"Horizon Europe", "Digital Europe Programme", "LIFE", "Interreg",
            "Single Market Programme", "Innovation Fund"};

    private final Random random;

    public MatchingData(long seed) {
        this.random = new Random(seed);
    }

    /** A phrase of the vocabulary: the subjects are Zipf-like, so a few are common and most are rare. */
    String competence() {
        return subject() + " " + ASPECTS[random.nextInt(ASPECTS.length)];
    }

    private String subject() {
        double u = random.nextDouble();
        return SUBJECTS[(int) (SUBJECTS.length * u * u)];
    }

    public List<Target> members(int n) {
        List<Target> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Set<String> competences = new LinkedHashSet<>();
            int count = 3 + random.nextInt(6);
            while (competences.size() < count) {
                competences.add(random.nextInt(3) == 0 ? subject() : competence());
            }
            List<String> sectors = List.of(SECTORS[random.nextInt(SECTORS.length)],
                    SECTORS[random.nextInt(SECTORS.length)]);
            String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            members.add(new Target(TargetKind.MEMBER, "m-" + i, "Member " + i, List.of("m-" + i),
                    facets(List.copyOf(competences), sectors), Targets.places(country, country + (1 + random.nextInt(3))),
                    List.of(), List.of(), null));
        }
        return members;
    }

    private static List<Target.Facet> facets(List<String> competences, List<String> sectors) {
        List<Target.Facet> facets = new ArrayList<>();
        competences.forEach(c -> facets.add(new Target.Facet(FacetKind.COMPETENCE, c)));
        SectorTitles.get().of(sectors).forEach(t -> facets.add(new Target.Facet(FacetKind.SECTOR, t)));
        return facets;
    }

    public List<Target> groups(int n) {
        List<Target> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(new Target(TargetKind.GROUP, "g-" + i, "Group " + i, List.of("m-" + i, "m-" + (i + 1)),
                    List.of(new Target.Facet(FacetKind.INTEREST, subject()),
                            new Target.Facet(FacetKind.INTEREST, competence())), List.of(), List.of(), List.of(),
                    null));
        }
        return groups;
    }

    public List<Target> projects(int n) {
        List<Target> projects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            projects.add(new Target(TargetKind.PROJECT, "p-" + i, "Project " + i, List.of("m-" + i),
                    List.of(new Target.Facet(FacetKind.THEME, subject()),
                            new Target.Facet(FacetKind.NEED, competence()),
                            new Target.Facet(FacetKind.NEED, competence())), List.of(), List.of(), List.of(),
                    random.nextInt(20) == 0 ? "call-" + random.nextInt(100) : null));
        }
        return projects;
    }

    public List<Target> watches(int n) {
        List<Target> watches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean keywords = random.nextInt(10) != 0;
            watches.add(new Target(TargetKind.WATCH, "w-" + i, "Watch " + i, List.of("m-" + (i % 1000)),
                    keywords ? List.of(new Target.Facet(FacetKind.KEYWORD, subject())) : List.of(), List.of(),
                    random.nextInt(3) == 0 ? List.of(PROGRAMMES[random.nextInt(PROGRAMMES.length)].toLowerCase())
                            : List.of(),
                    random.nextInt(4) == 0 ? List.of("GRANT") : List.of(), null));
        }
        return watches;
    }

    /** A call about two or three subjects of the vocabulary. */
    public FundingCall call(int i) {
        List<String> about = new ArrayList<>();
        int subjects = 2 + random.nextInt(2);
        for (int s = 0; s < subjects; s++) {
            about.add(competence());
        }
        String title = "Advancing " + about.get(0) + " and " + about.get(1) + " for a resilient economy";
        StringBuilder description = new StringBuilder();
        while (description.length() < 1_500) {
            description.append(random.nextInt(3) == 0 ? "This topic covers " + competence() + ". " : "")
                    .append(FILLER[random.nextInt(FILLER.length)]).append(' ');
        }
        List<String> countries = random.nextInt(4) == 0
                ? List.of(COUNTRIES[random.nextInt(COUNTRIES.length)], COUNTRIES[random.nextInt(COUNTRIES.length)])
                : List.of();
        return new FundingCall("bench", "call-" + i, "ID-" + i, null, null, title,
                PROGRAMMES[random.nextInt(PROGRAMMES.length)], description.toString(), about, List.of(),
                random.nextInt(5) == 0 ? CallKind.TENDER : CallKind.GRANT, CallStatus.OPEN, null,
                List.of(Instant.parse("2027-03-01T17:00:00Z")), null, countries, null, null);
    }
}
