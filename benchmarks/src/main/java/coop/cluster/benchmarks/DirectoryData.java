package coop.cluster.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Varied, reproducible organisation profiles (a seeded RNG) and the searches members would run over
 * them, for {@link DirectoryBenchmark}. Every code is one membership-service accepts: NACE Rev. 2
 * classes, NUTS regions of the member's country.
 */
final class DirectoryData {

    /** About 200 competence tags, as members tag themselves. */
    static final List<String> COMPETENCES =
            List.of(
                    ("robotics,cobotics,mechatronics,machine vision,computer vision,machine"
                         + " learning,deep learning,natural language processing,data"
                         + " engineering,data visualisation,big data,cloud"
                         + " computing,devops,cybersecurity,penetration testing,identity"
                         + " management,blockchain,embedded systems,iot,edge computing,5g,radio"
                         + " frequency,antenna design,photonics,lasers,optics,microelectronics,pcb"
                         + " design,fpga,power electronics,battery systems,hydrogen,fuel"
                         + " cells,solar energy,wind energy,geothermal,energy efficiency,smart"
                         + " grids,heat pumps,building automation,bim,timber construction,green"
                         + " building,insulation,acoustics,lighting design,industrial"
                         + " design,product design,ux design,ui design,web development,mobile"
                         + " apps,e-commerce,erp integration,crm,supply chain,logistics,warehouse"
                         + " automation,cold chain,packaging,bioplastics,composites,3d"
                         + " printing,additive manufacturing,cnc machining,welding,sheet"
                         + " metal,injection moulding,casting,surface"
                         + " treatment,coatings,metrology,non-destructive testing,quality"
                         + " management,iso 9001,lean manufacturing,six sigma,predictive"
                         + " maintenance,digital twin,simulation,cfd,finite"
                         + " elements,aeronautics,space,drones,automotive,electric"
                         + " vehicles,railway,maritime,shipbuilding,agritech,precision"
                         + " farming,irrigation,aquaculture,food"
                         + " processing,fermentation,brewing,wine making,dairy,bakery,organic"
                         + " farming,food safety,nutrition,cosmetics,biotechnology,genomics,medical"
                         + " devices,e-health,telemedicine,clinical"
                         + " trials,pharmaceuticals,diagnostics,ageing,assistive technology,water"
                         + " treatment,waste management,recycling,circular economy,life cycle"
                         + " assessment,carbon accounting,environmental monitoring,air quality,soil"
                         + " remediation,textiles,technical textiles,fashion"
                         + " design,leather,furniture,woodworking,ceramics,glass,jewellery,crafts,heritage"
                         + " restoration,architecture,urban"
                         + " planning,landscape,tourism,hospitality,events,music production,sound"
                         + " engineering,live performance,theatre,dance,visual"
                         + " arts,photography,film production,animation,video games,virtual"
                         + " reality,augmented"
                         + " reality,publishing,translation,journalism,advertising,marketing,branding,social"
                         + " media,public relations,training,e-learning,vocational"
                         + " education,coaching,recruitment,hr management,legal advice,intellectual"
                         + " property,accounting,financial"
                         + " services,insurance,fundraising,crowdfunding,export,international"
                         + " trade,eu funding,project management,innovation management,design"
                         + " thinking,open innovation,incubation,mentoring,social"
                         + " economy,cooperatives,fair trade,microfinance,accessibility,smart"
                         + " cities,mobility,public transport,cycling,sports,outdoor"
                         + " equipment,security services,facility management,cleaning"
                         + " services,catering,printing")
                            .split(","));

    /** NACE Rev. 2 classes a cluster's members have. */
    static final List<String> SECTORS =
            List.of(
                    "01.13", "01.21", "03.21", "10.71", "10.51", "11.02", "13.92", "14.13", "16.23",
                    "18.12", "20.14", "20.42", "21.20", "22.29", "23.61", "24.10", "25.62", "26.11",
                    "26.51", "27.12", "28.41", "28.99", "29.32", "30.30", "31.09", "32.50", "33.12",
                    "35.11", "38.32", "41.20", "43.21", "46.69", "47.91", "49.41", "52.29", "55.10",
                    "56.10", "58.11", "58.29", "59.11", "59.20", "60.10", "62.01", "62.02", "62.09",
                    "63.11", "63.12", "64.19", "66.19", "68.20", "69.10", "69.20", "70.22", "71.11",
                    "71.12", "72.11", "72.19", "73.11", "74.10", "74.90", "77.39", "82.30", "85.42",
                    "85.59", "86.10", "86.90", "90.01", "90.03", "91.02", "93.29", "94.99");

    record Country(String code, int weight, List<String> regions) {}

    /** Countries by share of members, with NUTS 3 (or 2) regions; Morocco and Tunisia have none. */
    static final List<Country> COUNTRIES =
            List.of(
                    new Country(
                            "FR",
                            45,
                            List.of(
                                    "FR101", "FR105", "FR106", "FRK26", "FRK24", "FRK21", "FRL04",
                                    "FRL03", "FRI12", "FRJ23", "FRE11", "FRG01", "FRH03", "FRC11",
                                    "FRF11", "FRB06", "FRD22", "FRJ13")),
                    new Country(
                            "BE",
                            20,
                            List.of(
                                    "BE100", "BE211", "BE241", "BE251", "BE310", "BE323", "BE331",
                                    "BE352", "BE335", "BE341")),
                    new Country("MA", 10, List.of()),
                    new Country("TN", 5, List.of()),
                    new Country("DE", 5, List.of("DE111", "DE212", "DE300", "DEA11", "DE600")),
                    new Country("ES", 5, List.of("ES300", "ES511", "ES523", "ES213")),
                    new Country("IT", 5, List.of("ITC11", "ITC4C", "ITH35", "ITI43")),
                    new Country("NL", 3, List.of("NL329", "NL414", "NL33C")),
                    new Country("LU", 2, List.of("LU000")));

    static final List<String> TYPES =
            List.of(
                    "SME",
                    "SME",
                    "SME",
                    "SME",
                    "SME",
                    "LARGE_COMPANY",
                    "RESEARCH",
                    "EDUCATION",
                    "ASSOCIATION",
                    "ASSOCIATION",
                    "PUBLIC_BODY");
    static final List<String> SIZES =
            List.of("MICRO", "MICRO", "SMALL", "SMALL", "MEDIUM", "LARGE");
    static final List<String> RESOURCE_TYPES =
            List.of("PREMISES", "EQUIPMENT", "EXPERTISE", "SERVICES", "CONTACTS");

    private static final List<String> NAME_HEADS =
            List.of(
                    "Atelier",
                    "Groupe",
                    "Institut",
                    "Laboratoire",
                    "Société",
                    "Studio",
                    "Agence",
                    "Centre",
                    "Maison",
                    "Compagnie",
                    "Bureau",
                    "Fabrique",
                    "Collectif",
                    "Coopérative",
                    "Association",
                    "Cabinet",
                    "Workshop",
                    "Labs",
                    "House of",
                    "Institute of");
    private static final List<String> NAME_CORES =
            List.of(
                    "Robotique",
                    "Numérique",
                    "Lumière",
                    "Nova",
                    "Atlas",
                    "Horizon",
                    "Boréal",
                    "Cèdre",
                    "Mistral",
                    "Océan",
                    "Vulcain",
                    "Orion",
                    "Helios",
                    "Pixel",
                    "Quantum",
                    "Vertigo",
                    "Aurore",
                    "Granit",
                    "Saphir",
                    "Volta",
                    "Kepler",
                    "Tesla",
                    "Ampère",
                    "Galilée",
                    "Mosaïque",
                    "Archipel",
                    "Canopée",
                    "Delta",
                    "Sigma",
                    "Alto",
                    "Forge",
                    "Rivage",
                    "Sirocco",
                    "Zénith",
                    "Azur",
                    "Méridien",
                    "Atlantique",
                    "Ardenne",
                    "Meuse",
                    "Loire",
                    "Rhône",
                    "Garonne",
                    "Seine",
                    "Escaut",
                    "Sahara",
                    "Atlas Sud",
                    "Medina",
                    "Cedar",
                    "Northwind",
                    "Bluefield");
    private static final List<String> NAME_TAILS =
            List.of(
                    "",
                    "",
                    "",
                    "SAS",
                    "SARL",
                    "SA",
                    "ASBL",
                    "SRL",
                    "Solutions",
                    "Systems",
                    "Services",
                    "Industries",
                    "Technologies",
                    "Design",
                    "Conseil",
                    "Innovation");
    private static final List<String> FIRST_NAMES =
            List.of(
                    "Léa", "Paul", "Amina", "Youssef", "Camille", "Hugo", "Sofia", "Mehdi", "Chloé",
                    "Lucas", "Inès", "Thomas", "Fatima", "Karim", "Julie", "Nicolas", "Sarah",
                    "Omar", "Emma", "Antoine", "Nadia", "Pierre", "Laura", "Rachid", "Manon", "Jan",
                    "Eva", "Lars");
    private static final List<String> LAST_NAMES =
            List.of(
                    "Martin",
                    "Bernard",
                    "Dubois",
                    "Benali",
                    "El Amrani",
                    "Lefèvre",
                    "Moreau",
                    "Laurent",
                    "Janssens",
                    "Peeters",
                    "Maes",
                    "Haddad",
                    "Rossi",
                    "García",
                    "Müller",
                    "Girard",
                    "Roux",
                    "Fontaine",
                    "Chevalier",
                    "Mercier",
                    "Bouzid",
                    "Tazi",
                    "Nguyen",
                    "Leroy",
                    "Dupont");
    private static final List<String> ROLES =
            List.of(
                    "CEO",
                    "Director",
                    "Innovation manager",
                    "CTO",
                    "Partnerships",
                    "Head of research",
                    "Project officer",
                    "Sales manager",
                    "Founder",
                    "Lab manager");
    private static final List<String> RESOURCE_WORDS =
            List.of(
                    "Workshop of 400 m² with a crane",
                    "Meeting rooms for 30 people",
                    "Clean room ISO 7",
                    "6-axis robot test cell",
                    "3D printers (metal)",
                    "Climate chamber",
                    "Recording studio",
                    "Test bench for batteries",
                    "Shared offices in the city centre",
                    "Expertise in EU funding applications",
                    "Legal advice on intellectual property",
                    "Contacts with Moroccan exporters",
                    "Network of machine learning experts",
                    "Cloud hosting",
                    "Prototyping services",
                    "Training in lean manufacturing",
                    "Photonics laboratory",
                    "Salle d'exposition de 200 m²",
                    "Atelier de menuiserie partagé",
                    "Conseil en cybersécurité",
                    "Studio de tournage",
                    "Laboratoire d'analyses alimentaires",
                    "Mise en relation avec des distributeurs");
    private static final List<String> DESCRIPTION_TEMPLATES =
            List.of(
                    "We design and build %s solutions for industry, with a focus on %s.",
                    "Specialists in %s and %s, working with SMEs and research centres across the"
                            + " region.",
                    "Nous accompagnons les entreprises en %s et en %s, du prototype à la série.",
                    "A research team in %s; partner of European projects on %s.",
                    "Bureau d'études en %s, spécialisé dans %s pour les collectivités.",
                    "Small company offering %s services and training in %s.");

    private DirectoryData() {}

    /**
     * The profile of member {@code i} of a run, as JSON for {@code POST /api/members/applications}.
     */
    static String profile(Random random, String registration) {
        Country country = weighted(random);
        String region = country.regions().isEmpty() ? null : pick(random, country.regions());
        List<String> competences = distinct(random, COMPETENCES, 1 + random.nextInt(5));
        List<String> sectors = distinct(random, SECTORS, 1 + random.nextInt(3));
        StringBuilder resources = new StringBuilder();
        int resourceCount = random.nextInt(4);
        for (int r = 0; r < resourceCount; r++) {
            resources
                    .append(r == 0 ? "" : ",")
                    .append("{\"type\":\"")
                    .append(pick(random, RESOURCE_TYPES))
                    .append("\",\"description\":")
                    .append(json(pick(random, RESOURCE_WORDS)))
                    .append('}');
        }
        StringBuilder contacts = new StringBuilder();
        int contactCount = 1 + random.nextInt(2);
        for (int c = 0; c < contactCount; c++) {
            String first = pick(random, FIRST_NAMES);
            String last = pick(random, LAST_NAMES);
            contacts.append(c == 0 ? "" : ",")
                    .append("{\"name\":")
                    .append(json(first + " " + last))
                    .append(",\"role\":")
                    .append(json(pick(random, ROLES)))
                    .append(",\"email\":")
                    .append(json(ascii(first) + "." + ascii(last) + "@example.org"))
                    .append('}');
        }
        String description =
                pick(random, DESCRIPTION_TEMPLATES)
                        .formatted(competences.getFirst(), competences.get(competences.size() - 1));
        return """
        {"legalName":%s,"registrationNumber":%s,"country":"%s",%s"sectors":%s,
         "organisationType":"%s","sizeBand":"%s","competences":%s,"offeredResources":[%s],
         "contacts":[%s],"description":%s,"website":"https://%s.example"}\
        """
                .formatted(
                        json(name(random)),
                        json(registration),
                        country.code(),
                        region == null ? "" : "\"region\":\"" + region + "\",",
                        jsonList(sectors),
                        pick(random, TYPES),
                        pick(random, SIZES),
                        jsonList(competences),
                        resources,
                        contacts,
                        json(description),
                        registration.toLowerCase());
    }

    /** A search as a member would type it: {@code kind} names it in the results. */
    record Search(String kind, String query) {}

    /** One search of the mix: text, filters, combinations, later pages. */
    static Search search(Random random) {
        int roll = random.nextInt(100);
        if (roll < 25) {
            return new Search("text, one word", "q=" + enc(firstWord(pick(random, COMPETENCES))));
        }
        if (roll < 35) {
            return new Search(
                    "text, two words",
                    "q="
                            + enc(
                                    pick(random, COMPETENCES)
                                            + " "
                                            + firstWord(pick(random, NAME_CORES))));
        }
        if (roll < 45) {
            return new Search("text, name", "q=" + enc(pick(random, NAME_CORES)));
        }
        if (roll < 55) {
            return new Search("competence", "competence=" + enc(pick(random, COMPETENCES)));
        }
        if (roll < 63) {
            String sector = pick(random, SECTORS);
            return new Search(
                    "sector", "sector=" + (random.nextBoolean() ? sector.substring(0, 2) : sector));
        }
        if (roll < 71) {
            Country country = weighted(random);
            String region =
                    country.regions().isEmpty() || random.nextBoolean()
                            ? country.code()
                            : pick(random, country.regions()).substring(0, 3 + random.nextInt(3));
            return new Search("region", "region=" + region);
        }
        if (roll < 81) {
            return new Search(
                    "text + region + resource",
                    "q="
                            + enc(firstWord(pick(random, COMPETENCES)))
                            + "&region="
                            + weighted(random).code()
                            + "&resource="
                            + pick(random, RESOURCE_TYPES));
        }
        if (roll < 89) {
            return new Search(
                    "competence + sector + type",
                    "competence="
                            + enc(pick(random, COMPETENCES))
                            + "&sector="
                            + pick(random, SECTORS).substring(0, 2)
                            + "&type="
                            + pick(random, TYPES));
        }
        if (roll < 95) {
            return new Search(
                    "browse, later page",
                    "region="
                            + weighted(random).code()
                            + "&page="
                            + (1 + random.nextInt(10))
                            + "&size=20");
        }
        return new Search(
                "text, page of 100",
                "q=" + enc(firstWord(pick(random, COMPETENCES))) + "&size=100");
    }

    private static String name(Random random) {
        String tail = pick(random, NAME_TAILS);
        return pick(random, NAME_HEADS)
                + " "
                + pick(random, NAME_CORES)
                + (tail.isEmpty() ? "" : " " + tail);
    }

    private static Country weighted(Random random) {
        int roll = random.nextInt(100);
        for (Country country : COUNTRIES) {
            roll -= country.weight();
            if (roll < 0) {
                return country;
            }
        }
        return COUNTRIES.getFirst();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> distinct(Random random, List<String> values, int count) {
        Set<String> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(pick(random, values));
        }
        return new ArrayList<>(picked);
    }

    private static String firstWord(String text) {
        return text.split(" ")[0];
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "")
                .toLowerCase();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String json(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String jsonList(List<String> values) {
        return values.stream()
                .map(DirectoryData::json)
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
