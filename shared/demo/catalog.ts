/**
 * What the demo community links to and says: per topic, sites with plausible domains (invented,
 * not real publications, so no article is put in a real outlet's mouth), hand-written headlines,
 * and subjects and frames that compose more headlines for the live feed. Nothing is fetched.
 */

export interface Site {
  domain: string
  /** Shown as the card's site name (the `site_name` tag). */
  name: string
  /** How the site's article URLs look. */
  path: "dated" | "section" | "numbered" | "blog" | "newsletter"
  sections?: string[]
}

export interface Headline {
  title: string
  description: string
}

export interface Topic {
  /** The community's tag: lowercase, without "#". */
  tag: string
  sites: Site[]
  headlines: Headline[]
  /** Noun phrases the frames below turn into more headlines. */
  subjects: string[]
  comments: string[]
}

export const TOPICS: Topic[] = [
  {
    tag: "privacy",
    sites: [
      { domain: "thesignalpost.org", name: "The Signal Post", path: "dated" },
      { domain: "openwire.news", name: "Openwire", path: "section", sections: ["security", "policy", "guides"] },
      { domain: "datarights-watch.eu", name: "Data Rights Watch", path: "blog" },
      { domain: "kerckhoffs.dev", name: "Kerckhoffs", path: "blog" },
      { domain: "metadata-matters.net", name: "Metadata Matters", path: "newsletter" },
      { domain: "civiltech.review", name: "Civil Tech Review", path: "numbered" },
      { domain: "forwardsecrecy.io", name: "Forward Secrecy", path: "dated" },
      { domain: "theplaintextdaily.com", name: "The Plaintext Daily", path: "section", sections: ["news", "analysis", "explainers"] }
    ],
    headlines: [
      { title: "Your browser fingerprint is more unique than your passport", description: "We measured 40,000 volunteer browsers: fonts, canvas and audio quirks identified nine in ten of them without a single cookie." },
      { title: "What a data broker knew about me after one weekend of shopping", description: "A subject access request came back with 212 pages: location pings, inferred income bracket and a guess at my health." },
      { title: "The quiet end of third-party cookies, and what replaced them", description: "Server-side tagging, login walls and \"clean rooms\" now do the tracking cookies used to do, with less visibility for users." },
      { title: "End-to-end encryption, explained without the math", description: "Who holds the keys, what the server can still see, and why metadata is the part most apps still leak." },
      { title: "Regulators fine a period-tracking app for sharing health data with advertisers", description: "The decision sets the largest penalty yet under the health-data rules and orders the company to delete derived profiles." },
      { title: "A field guide to dark patterns in cookie banners", description: "Pre-ticked boxes, a \"reject\" link hidden three clicks deep, and colours that nudge: a catalogue of 30 consent tricks." },
      { title: "How license-plate readers turned parking lots into a surveillance network", description: "Private camera networks now log billions of plate sightings a month; police can query them without a warrant." },
      { title: "Passkeys one year later: did they actually replace passwords?", description: "Adoption numbers, the account-recovery problem and what happens when you lose the phone that holds your keys." },
      { title: "Why your smart TV takes a screenshot every few seconds", description: "Automatic content recognition identifies what you watch, including from external inputs, and sells the viewing data." },
      { title: "The case for local-first software", description: "Apps that keep your data on your device and sync peer to peer are faster, work offline and leak far less." },
      { title: "Inside the court fight over geofence warrants", description: "One warrant asked for every phone near a crime scene over two hours. An appeals court now has to decide if that is a search." },
      { title: "I switched to a privacy-respecting phone setup for a month", description: "A de-Googled Android, a separate number for sign-ups and a DNS blocklist: what broke, and what I kept." },
      { title: "Metadata is the message: what encrypted messengers still reveal", description: "Who you talk to, when and how often tells a surprising amount, even when nobody can read the content." },
      { title: "Children's apps are still tracking kids, a new audit finds", description: "Two thirds of the top 500 apps aimed at children shared device identifiers with ad networks." }
    ],
    subjects: [
      "browser fingerprinting", "data brokers", "end-to-end encryption", "facial recognition", "ad tracking",
      "location data", "the new data protection rules", "encrypted messaging", "passkeys", "smart speakers",
      "workplace monitoring", "age-verification laws", "VPN providers", "open-source password managers",
      "health data", "car telemetry", "metadata retention", "cookie consent"
    ],
    comments: [
      "This is why I keep a separate browser profile for anything with a login.",
      "The part about metadata is what most people miss.",
      "Filed a subject access request after reading this. Let's see what comes back.",
      "Great explainer, sending it to my parents.",
      "Opt-out should be the default, full stop.",
      "The enforcement numbers are the real story here.",
      "I tried this setup last year; the banking apps were the hardest part.",
      "Would love to see the methodology for the measurement.",
      "Regulation only works if the fines hurt more than the data is worth.",
      "Bookmarking the checklist at the end."
    ]
  },
  {
    tag: "climate",
    sites: [
      { domain: "carbonbrief-weekly.org", name: "Carbon Weekly", path: "dated" },
      { domain: "gridwatcher.energy", name: "Grid Watcher", path: "blog" },
      { domain: "thewarmingreport.com", name: "The Warming Report", path: "section", sections: ["science", "policy", "solutions"] },
      { domain: "heatmap-journal.net", name: "Heatmap Journal", path: "numbered" },
      { domain: "coastlines.earth", name: "Coastlines", path: "dated" },
      { domain: "decarbnewsletter.co", name: "Decarb", path: "newsletter" },
      { domain: "soilandsky.org", name: "Soil & Sky", path: "blog" },
      { domain: "transitionlab.eu", name: "Transition Lab", path: "section", sections: ["research", "data", "briefings"] }
    ],
    headlines: [
      { title: "Solar overtook coal in the grid mix for the first time this spring", description: "Record installations and a mild spring pushed solar above coal for 31 days; the question now is storage for the evening peak." },
      { title: "Heat pumps in cold climates: the data from three winters", description: "Monitoring of 1,200 homes shows modern units holding efficiency well below freezing, with installation quality the biggest variable." },
      { title: "Ocean temperatures broke records again. Here is what is driving it", description: "El Niño explains part of it; less sulphur pollution from shipping and a weaker aerosol shield explain more than expected." },
      { title: "The battery boom nobody predicted five years ago", description: "Grid-scale storage costs fell by half, and batteries now shave evening peaks that gas plants used to serve." },
      { title: "What a 1.5 °C world looks like, region by region", description: "An interactive look at heat days, rainfall extremes and crop seasons under the scenarios in the latest assessment." },
      { title: "Cities are painting roofs white. Does it work?", description: "Cool roofs lower indoor temperatures by several degrees in heatwaves; the effect on the wider city is smaller but real." },
      { title: "Inside the fight over a wind farm off the coast", description: "Fishermen, tourism boards and grid operators spent four years negotiating. The compromise may be a template." },
      { title: "Carbon removal credits are booming, and most are not worth much", description: "An analysis of 2,000 projects found that only a small share delivered removals that are durable and additional." },
      { title: "How a farming cooperative rebuilt its soil and cut fertiliser use", description: "Cover crops and no-till practices took five years to pay off; yields are now steady and input costs down a third." },
      { title: "The heat is changing how cities schedule work", description: "Outdoor crews now start at dawn, and some cities have introduced paid heat breaks when the wet-bulb index climbs." },
      { title: "Glacier melt in the Alps: a season of measurements", description: "Researchers spent the summer on three glaciers; each lost more than two metres of ice thickness." },
      { title: "Why your electricity bill could soon depend on the weather", description: "Dynamic tariffs reward using power when wind and sun are plentiful; early users save, but the design matters." },
      { title: "Rewilding a river: ten years after the dams came down", description: "Salmon returned within three seasons; sediment and floodplains took longer, and the town's opinion slowly shifted." }
    ],
    subjects: [
      "heat pumps", "grid-scale batteries", "offshore wind", "carbon removal", "urban heat islands",
      "the new emissions data", "electric buses", "sea-level rise", "regenerative farming", "wildfire smoke",
      "home insulation", "climate litigation", "green hydrogen", "rooftop solar", "methane leaks",
      "flood defences", "drought planning"
    ],
    comments: [
      "The storage numbers are the most hopeful thing I've read this week.",
      "Installed one last winter, can confirm it works below freezing.",
      "Would like to see the lifecycle emissions included in the comparison.",
      "Our town is debating exactly this right now.",
      "The charts in the middle section are excellent.",
      "Adaptation gets far less attention than it deserves.",
      "The financing part is what actually decides these projects.",
      "This matches what the grid operator reported last month.",
      "Sharing this with our council's climate committee.",
      "The soil carbon section could use more caveats, but good piece."
    ]
  },
  {
    tag: "music",
    sites: [
      { domain: "thelistening-room.com", name: "The Listening Room", path: "section", sections: ["reviews", "features", "interviews"] },
      { domain: "basslinequarterly.net", name: "Bassline Quarterly", path: "numbered" },
      { domain: "vinylcut.blog", name: "Vinyl Cut", path: "blog" },
      { domain: "sidechain.fm", name: "Sidechain", path: "dated" },
      { domain: "liner-notes.org", name: "Liner Notes", path: "newsletter" },
      { domain: "thestagebox.co.uk", name: "The Stagebox", path: "section", sections: ["live", "news", "reviews"] },
      { domain: "modularsynthweekly.com", name: "Modular Synth Weekly", path: "blog" },
      { domain: "jazzdispatch.org", name: "Jazz Dispatch", path: "dated" }
    ],
    headlines: [
      { title: "The ten best albums of the season so far", description: "A debut built on field recordings, a veteran's late-career swerve and the record everyone argued about." },
      { title: "Why streaming royalties still do not add up for working musicians", description: "A mid-sized band with 20 million streams a year shares what reached them after labels, distributors and the platform." },
      { title: "How a small-town venue survived the rent crisis", description: "A membership model, a community share offer and a lot of volunteers kept a 200-capacity room open." },
      { title: "The return of the cassette, explained by the people buying them", description: "Cheap to make, collectible and hard to skip: independent labels say tapes now outsell vinyl at their merch tables." },
      { title: "Inside the studio where half of this year's indie records were mixed", description: "A converted chapel, a 1970s console and an engineer who refuses to use more than sixteen tracks." },
      { title: "A beginner's guide to modular synthesis", description: "Oscillators, envelopes and patch cables, without buying a wall of gear first: start with a free emulator." },
      { title: "The jazz pianist who records every concert and releases them all", description: "Four hundred live albums and counting: a conversation about improvisation, repetition and not editing." },
      { title: "What the festival lineup gender gap looks like in numbers", description: "We counted 120 festival bills. The headliner slots have barely moved, the smaller stages have." },
      { title: "Ear protection for musicians: what actually works", description: "Custom-moulded filters, in-ear monitors and rest periods; an audiologist explains the damage that adds up." },
      { title: "The forgotten drum machine behind a decade of dance music", description: "Produced for only two years, it was dismissed on release. Its second-hand price has since gone up thirtyfold." },
      { title: "Choirs are booming again", description: "Community choirs report waiting lists; researchers point to the measurable mood benefits of singing together." },
      { title: "Listening guide: where to start with West African highlife", description: "Twelve records from the 1950s to now, with the stories of the bands and the labels that almost lost the tapes." },
      { title: "How one song went viral three years after its release", description: "A short video clip, a playlist editor and a radio session: the chain of events, reconstructed." }
    ],
    subjects: [
      "vinyl pressing plants", "music streaming royalties", "small venues", "live recordings", "synthesizers",
      "film scores", "community choirs", "touring costs", "music education", "independent labels",
      "ambient music", "the festival season", "home studios", "lyric writing", "jazz improvisation",
      "sampling law"
    ],
    comments: [
      "Been on repeat since it came out.",
      "Saw them live last year, easily the gig of the year.",
      "The bit about royalties should be required reading.",
      "Adding everything on this list to my weekend.",
      "Our local venue is trying the membership model too.",
      "That drum machine sound is unmistakable once you notice it.",
      "Great interview, the part about not editing stuck with me.",
      "Anyone know if the live set is on a streaming service?",
      "My choir has a waiting list now too, it's wonderful.",
      "Such a good listening guide, thank you."
    ]
  },
  {
    tag: "science",
    sites: [
      { domain: "quantamagnet.org", name: "Quanta Magnet", path: "dated" },
      { domain: "thelabnotebook.net", name: "The Lab Notebook", path: "blog" },
      { domain: "nautilus-review.com", name: "Nautilus Review", path: "section", sections: ["physics", "biology", "space"] },
      { domain: "preprintwatch.org", name: "Preprint Watch", path: "numbered" },
      { domain: "deepfieldnews.space", name: "Deep Field News", path: "dated" },
      { domain: "fieldstation.science", name: "Field Station", path: "newsletter" },
      { domain: "replicationdesk.org", name: "The Replication Desk", path: "blog" },
      { domain: "cellandsignal.com", name: "Cell & Signal", path: "section", sections: ["research", "explainers", "news"] }
    ],
    headlines: [
      { title: "A telescope caught a galaxy far earlier than models allowed", description: "Its light left 13.3 billion years ago, and it is already surprisingly massive. Cosmologists are checking the assumptions." },
      { title: "The replication crisis, ten years on: what changed", description: "Preregistration and open data are now common in psychology; large replication projects report higher success rates." },
      { title: "How octopuses edit their own RNA to handle the cold", description: "Instead of changing genes, they rewrite messages on the fly, tuning nerve proteins to the water temperature." },
      { title: "Why the new room-temperature superconductor claim fell apart", description: "Independent labs found the sudden drop in resistance came from an impurity phase. A case study in fast science." },
      { title: "Sleep cleans the brain, but not the way we thought", description: "A new imaging study challenges the idea that clearance speeds up during sleep, and the debate is lively." },
      { title: "The mathematicians who proved a 50-year-old conjecture", description: "The proof runs to 80 pages and leans on a computer check of a few thousand cases. How they got there." },
      { title: "Gut microbes and mood: what the evidence really supports", description: "Mouse studies are striking; human trials are small and mixed. A careful look at a hyped field." },
      { title: "A citizen-science project found 2,000 new variable stars", description: "Volunteers classified light curves from archival survey data and flagged objects the algorithms missed." },
      { title: "What the asteroid sample return tells us about the early solar system", description: "Water-bearing minerals and amino acids in a few grams of dust: the first results from the capsule." },
      { title: "Ancient DNA rewrites the story of how farming spread", description: "Genomes from 300 individuals show farmers migrated and mixed with foragers, rather than ideas spreading alone." },
      { title: "Fusion's net-energy milestone, explained carefully", description: "More energy came out of the fuel than the lasers put in; the whole facility still used far more. Both facts matter." },
      { title: "The bees that count: insects and numbers", description: "Experiments suggest bees can learn \"fewer than\" and even a concept of zero. How do you design such a test?" },
      { title: "Inside a lab that grows mini-organs from stem cells", description: "Organoids model diseases and test drugs; the researchers are also honest about what they cannot yet do." }
    ],
    subjects: [
      "dark matter", "the James Webb observations", "CRISPR therapies", "the replication crisis", "sleep research",
      "exoplanet atmospheres", "ancient DNA", "quantum computing", "the microbiome", "gravitational waves",
      "protein folding", "bird migration", "citizen science", "fusion energy", "open-access publishing",
      "animal cognition", "antibiotic resistance"
    ],
    comments: [
      "The preprint is worth reading in full, the supplementary data is fascinating.",
      "Careful, balanced write-up. Rare for this topic.",
      "I'd want to see this replicated before getting excited.",
      "The figure comparing the models makes it click.",
      "This is exactly why open data matters.",
      "Sample size is small, but the effect is large.",
      "Lovely piece, sending it to my students.",
      "The methods section answers the obvious objection.",
      "Fun to see citizen science make real discoveries.",
      "The headline oversells it a bit, the article itself is careful."
    ]
  },
  {
    tag: "design",
    sites: [
      { domain: "thegridsystem.design", name: "The Grid System", path: "blog" },
      { domain: "kerning-club.com", name: "Kerning Club", path: "dated" },
      { domain: "interfacejournal.io", name: "Interface Journal", path: "section", sections: ["ux", "accessibility", "case-studies"] },
      { domain: "typeandform.org", name: "Type & Form", path: "numbered" },
      { domain: "negative-space.studio", name: "Negative Space", path: "newsletter" },
      { domain: "buildingsandbodies.com", name: "Buildings & Bodies", path: "dated" },
      { domain: "pixelperfectless.dev", name: "Pixel Perfect-less", path: "blog" },
      { domain: "formfollows.net", name: "Form Follows", path: "section", sections: ["architecture", "product", "graphic"] }
    ],
    headlines: [
      { title: "The return of skeuomorphism, but quieter", description: "Subtle depth, tactile controls and real materials are back in interfaces, without the leather stitching." },
      { title: "Designing forms people can actually finish", description: "One column, labels above fields, errors in plain language: a checklist drawn from 200 usability sessions." },
      { title: "Why every startup logo looks the same now", description: "Geometric sans, lowercase wordmark, a gradient: how tools, trends and risk aversion converged on one look." },
      { title: "Accessibility is not a checklist: lessons from a redesign", description: "The team tested with screen-reader users every week. The biggest fixes were not in the guidelines." },
      { title: "A variable font that changes with the weather", description: "A type designer built a typeface whose weight and width respond to live data, and it is oddly calming." },
      { title: "The quiet genius of the railway timetable", description: "Dense, legible and unchanged for decades: what information designers can learn from printed timetables." },
      { title: "Designing for right-to-left languages, properly", description: "Mirroring layouts is the start; icons, numbers, mixed-direction text and charts are where teams get it wrong." },
      { title: "How a city redesigned its street signs for older eyes", description: "Larger x-height, higher contrast and fewer words: the pilot cut wrong turns at complex junctions." },
      { title: "Dark mode is harder than inverting colours", description: "Elevation, saturation and image handling: a practical guide with the contrast values that held up in testing." },
      { title: "The chair that took eleven years to design", description: "A furniture studio's obsession with one stackable chair, from cardboard models to the factory floor." },
      { title: "What happens when you delete half the settings in an app", description: "A product team removed 48 options. Support tickets went down and almost nobody asked for them back." },
      { title: "Brutalist web design, revisited", description: "Raw HTML aesthetics were a protest against templates. Some of those sites aged better than the polished ones." },
      { title: "Colour systems that survive a rebrand", description: "Semantic tokens, tested contrast pairs and a palette built in a perceptual colour space." }
    ],
    subjects: [
      "design systems", "variable fonts", "accessible forms", "dark mode", "information design",
      "wayfinding signs", "onboarding flows", "colour contrast", "icon sets", "data visualisation",
      "furniture design", "typography on small screens", "design critique", "prototyping tools",
      "public-space design", "error messages"
    ],
    comments: [
      "The before/after screenshots say it all.",
      "Going to steal that form checklist for our next sprint.",
      "This is the best argument for testing with real users I've seen.",
      "The timetable example is perfect.",
      "Beautiful typography in the article itself, too.",
      "We deleted settings too, nobody noticed. Highly recommend.",
      "The contrast values section saved me an afternoon.",
      "Good reminder that accessibility helps everyone.",
      "I miss when websites had this much personality.",
      "Would love a follow-up on how they measured it."
    ]
  },
  {
    tag: "local-news",
    sites: [
      { domain: "rivertonledger.com", name: "The Riverton Ledger", path: "section", sections: ["news", "council", "schools", "transport"] },
      { domain: "eastsidecourier.news", name: "Eastside Courier", path: "numbered" },
      { domain: "harbourgazette.co.uk", name: "Harbour Gazette", path: "dated" },
      { domain: "millbrookdaily.com", name: "Millbrook Daily", path: "section", sections: ["local", "community", "business"] },
      { domain: "thecitybeat.org", name: "The City Beat", path: "blog" },
      { domain: "northbankvoice.net", name: "Northbank Voice", path: "newsletter" },
      { domain: "valleytimes-online.com", name: "Valley Times", path: "dated" },
      { domain: "ourneighbourhood.news", name: "Our Neighbourhood", path: "blog" }
    ],
    headlines: [
      { title: "Council approves the bus network redesign after a packed hearing", description: "Routes will run every ten minutes on five main corridors from next spring; some hillside stops will be served on demand." },
      { title: "The old textile mill will become 140 homes and a makers' market", description: "Thirty of the flats will be let at social rents; the ground floor keeps the looms as a small museum." },
      { title: "Library extends weekend hours after a petition signed by 3,000", description: "The central branch will open on Sundays from next month, funded by a local business partnership for two years." },
      { title: "New bike lanes on Main Street: what traders say six months in", description: "Footfall is up slightly, parking complaints are down, and two shops that opposed the scheme now support it." },
      { title: "Flood defences along the river are finally finished", description: "The four-year project included a new park that doubles as a floodplain; insurers say premiums should follow." },
      { title: "Meet the volunteers who run the town's repair café", description: "Toasters, bikes, jeans and laptops: on the first Saturday of each month, 40 volunteers fix what people bring." },
      { title: "School meals will be free for every primary pupil from September", description: "The council found the money by renegotiating its catering contract; headteachers welcomed the change." },
      { title: "Harbour market returns after a two-year refit", description: "Forty stalls, a covered food hall and fishing boats selling straight from the quay on Friday mornings." },
      { title: "Why the hospital car park fees are going up, and who is exempt", description: "Staff, blue badge holders and parents of children staying overnight will keep parking free." },
      { title: "A community-owned solar farm is powering the leisure centre", description: "Four hundred residents bought shares; the returns go back to the centre and a local energy-advice service." },
      { title: "Residents vote on how to spend £250,000 in the participatory budget", description: "Playground upgrades, street trees and a youth music studio top the list of 60 proposals." },
      { title: "The last independent bookshop on the high street turns fifty", description: "Three generations of the same family, a cat, and a plan to host more readings for children." },
      { title: "Road closures this weekend for the half marathon", description: "The route, the diversions for buses and the best places to cheer the 4,000 runners." }
    ],
    subjects: [
      "the bus network", "the new housing plan", "the library", "school catchment areas", "the riverside park",
      "street trees", "the high street", "the council budget", "parking charges", "the leisure centre",
      "the farmers' market", "local elections", "the cycling network", "the community garden",
      "the harbour", "the youth centre"
    ],
    comments: [
      "About time. The old timetable was impossible.",
      "I was at the hearing, the room was packed.",
      "Great news for families on our street.",
      "Does anyone know if the Saturday service changes too?",
      "The repair café fixed my lamp last month, lovely people.",
      "Hope they keep the mill's chimney.",
      "Shared in our neighbourhood group.",
      "The consultation closes Friday, worth responding.",
      "Good reporting, nobody else covered the budget details.",
      "My kids will be thrilled about the music studio."
    ]
  }
]

/** Headline frames for the live feed; `{s}` is a subject, `{S}` the same capitalised. */
export const TITLE_FRAMES = [
  "What everyone gets wrong about {s}",
  "{S}: a practical guide",
  "The hidden cost of {s}",
  "We tried {s} for a month. Here is what happened",
  "Five charts that explain {s}",
  "The people quietly changing {s}",
  "Is {s} about to change? Experts are divided",
  "A short history of {s}",
  "{S}, explained in ten minutes",
  "Why {s} matters more than you think",
  "The surprising new research on {s}",
  "Three questions about {s}, answered",
  "Inside the debate over {s}",
  "Lessons from a decade of {s}",
  "How to talk about {s} with people who disagree",
  "The best reading on {s} this week",
  "What we learned from a year of reporting on {s}",
  "{S} is having a moment. Will it last?",
  "The numbers behind {s}",
  "A beginner's map of {s}",
  "Ask an expert: your questions on {s}",
  "Where {s} goes from here",
  "The overlooked story of {s}",
  "Myths and facts about {s}",
  "Field notes on {s}",
  "The small decisions that shape {s}",
  "Reader stories: living with {s}",
  "Why {s} is harder than it looks",
  "Behind the scenes of {s}"
]

export const DESCRIPTION_FRAMES = [
  "A close look at {s}, with interviews, numbers and what to watch next.",
  "Everything you need to know about {s}, without the jargon.",
  "New figures on {s} suggest the picture is more complicated than the headlines.",
  "Practitioners explain what works and what does not when it comes to {s}.",
  "Our reporters spent weeks on {s}; this is what they found.",
  "A reader's guide to {s}, with links to the sources.",
  "The debate over {s} is heating up. Here are the arguments on each side.",
  "Short, clear and well sourced: {s} in context.",
  "Interviews with a dozen people who work on {s} every day.",
  "The data is clearer than the debate suggests. A walk through {s}, chart by chart.",
  "From the archives to the latest studies: how thinking about {s} has changed.",
  "We asked readers about {s}. Their answers surprised us.",
  "A long read on {s}, and the open questions nobody has answered yet.",
  "What to know about {s}, what to ignore, and where to learn more."
]

/** Said on any topic. */
export const GENERIC_COMMENTS = [
  "Really good read, thanks for sharing.",
  "Saving this for the weekend.",
  "This deserves more attention.",
  "Interesting, though I'm not fully convinced by the conclusion.",
  "Clear and well argued.",
  "Didn't know about this, thanks!",
  "The last paragraph is the key point.",
  "Sharing with a few friends who'll appreciate it.",
  "One of the better pieces on this I've seen.",
  "Hadn't thought about it this way."
]

/** Replies to another comment. */
export const REPLIES = [
  "Agreed, that was my takeaway too.",
  "Good point, though I think the article addresses it further down.",
  "Same experience here.",
  "Do you have a link for that?",
  "I read it differently, but fair.",
  "Exactly this.",
  "Thanks, hadn't noticed that part.",
  "+1, well put."
]

/** Likes are "+" mostly, sometimes an emoji (NIP-25: anything but "-" is a like). */
export const LIKE_EMOJI = ["❤️", "🔥", "👍", "🙌", "💯", "👏"]

/** The sybil cluster's spam: invented domains, clickbait titles, the cluster's own chorus. */
export const SPAM_SITES: Site[] = [
  { domain: "best-vpn-deals-today.biz", name: "Best VPN Deals Today", path: "blog" },
  { domain: "privacy-shield-pro.click", name: "Privacy Shield PRO", path: "numbered" },
  { domain: "secure-yield-alerts.top", name: "Secure Yield Alerts", path: "blog" }
]

export const SPAM_HEADLINES: Headline[] = [
  { title: "This one app makes you 100% untraceable (experts hate it)", description: "Limited offer: lifetime protection for the price of a coffee. Only 12 licences left today." },
  { title: "The privacy secret big tech doesn't want you to know", description: "Click to find out why thousands are switching this week. Offer ends at midnight." },
  { title: "Earn passive income while staying anonymous", description: "Join the private group: guaranteed returns, no experience needed." },
  { title: "Top 10 VPNs ranked (number 1 will shock you)", description: "Our independent reviewers tested them all. Exclusive 90% discount inside." },
  { title: "Why smart people are moving their savings to anonymous wallets", description: "Act now before the new rules. Spots are limited." },
  { title: "Protect your family today: the only privacy tool you need", description: "Trusted by millions. Free trial, cancel any time." }
]

export const SPAM_COMMENTS = ["Great post!! 🚀", "So true, everyone needs this", "100% legit, I use it daily", "Life changing 🔥🔥", "Must read!!!", "Check this out everyone 👇"]

/** Display names for the simulated people (not published: only used in logs and tools). */
export const FIRST_NAMES = [
  "Maya", "Tomás", "Aisha", "Lukas", "Priya", "Jonah", "Mei", "Kwame", "Sofia", "Noah", "Leila", "Mateo", "Hana", "Oskar",
  "Zara", "Ibrahim", "Elena", "Finn", "Amara", "Diego", "Yuki", "Samir", "Ingrid", "Kofi", "Lucía", "Arjun", "Freya", "Omar",
  "Chloé", "Ravi", "Nadia", "Emil", "Imani", "Bruno", "Sana", "Henrik", "Ada", "Tariq", "Lina", "Pablo", "Aiko", "Femi",
  "Greta", "Hugo", "Ayesha", "Nils", "Marisol", "Kai", "Esther", "Dmitri", "Rosa", "Tobias", "Yara", "Malik", "Clara", "Ines"
]

export const LAST_NAMES = [
  "Okafor", "Lindqvist", "Haddad", "Moreau", "Nakamura", "Petrov", "Mensah", "García", "Kowalski", "Singh", "O'Brien", "Rossi",
  "Tanaka", "Berg", "Adeyemi", "Fischer", "Costa", "Novak", "Ibrahim", "Larsen", "Chen", "Dubois", "Alvarez", "Kaya", "Walsh",
  "Jansen", "Osei", "Silva", "Bauer", "Hughes", "Ferreira", "Sato", "Nowak", "Rahman", "Eriksen", "Mwangi", "Laurent", "Park",
  "Romano", "Abbasi", "Keller", "Quinn", "Varga", "Ndlovu", "Horvat", "Iyer", "Lund", "Pereira", "Weber", "Yilmaz"
]
