"""The words of the Vefsn demo's own work: strengths, development areas, actions, check-in
reflections and train-the-trainers topics (participants/demo.py draws from them)."""

STRENGTHS = [
    "Skaper trygghet i teamet",
    "Strukturert og forutsigbar",
    "Lytter godt og ser den enkelte",
    "Tydelig i kommunikasjonen",
    "Nysgjerrig på nye løsninger",
    "Står i krevende beslutninger",
]
AREAS = [
    "Delegere mer og slippe kontrollen",
    "Ta den vanskelige samtalen tidligere",
    "Sette av tid til utvikling, ikke bare drift",
    "Gi tydeligere tilbakemeldinger",
    "Involvere ansatte i endringsarbeid",
    "Ta vare på egen energi i travle perioder",
]
ACTIONS = [
    "Lage en delegeringsliste og gå gjennom den med teamet",
    "Sette av en fast time i uka til utviklingsarbeid",
    "Ta opp saken på neste personalmøte",
    "Avtale medarbeidersamtaler med alle i teamet",
    "Be om tilbakemelding fra nærmeste leder",
    "Prøve ut walk & talk i oppfølgingssamtaler",
]
REFLECTIONS = [
    "Kom godt i gang. Teamet tok godt imot at jeg delegerte mer.",
    "Travel periode med sykefravær, lite tid til planen. Må prioritere bedre.",
    "Den vanskelige samtalen gikk bedre enn fryktet. Kollegaveiledningen hjalp.",
    "Ser at jeg faller tilbake til gamle vaner under press. Jobber med det.",
]
TOPICS = ["Medarbeiderskap", "Endringsledelse", "Stressmestring", "Verdibasert ledelse", "Lederutfordringer"]
