"""What the casework of the demo says: assessments, plans, contacts, appointments, stage moves
and case reviews, in the language each programme works in.

Like `content`, this is data typed by staff and people, not interface text, so it is not marked
for translation. `{name}` is the person's given name.
"""

from tandem.demo.content import DK, GB, IR

# Assessments ------------------------------------------------------------------------------

# Health conversation: what is going well and who helps, in the person's words.
RESOURCES = {
    GB: [
        "My sister lives round the corner and helps with the kids. I'm good with people.",
        "I've always been a hard worker. My partner backs me all the way.",
        "I walk the dog every day, that keeps me going. My mate from the recovery group "
        "checks in on me.",
        "I'm organised and I like things tidy. My mum is a big support.",
        "I did ten years in the warehouse without a day off sick until my back went.",
        "I volunteer at the food bank on Wednesdays and I like it there.",
    ],
    DK: [
        "Jeg har en god veninde, som jeg kan ringe til. Jeg er god til at lave mad.",
        "Min søster hjælper med børnene, når det brænder på. Jeg er mødestabil, når jeg "
        "først er kommet i gang.",
        "Jeg går tur med hunden hver dag, og det holder mig i gang.",
        "Jeg er god med mine hænder og har altid kunnet lide at reparere ting.",
        "Min kæreste bakker mig op. Jeg har styr på økonomien nu.",
        "Jeg har været frivillig i genbrugsbutikken og er glad for det.",
    ],
    IR: [
        "خانواده‌ام خیلی پشتیبانم هستند و برادرم هر جا لازم باشد مرا می‌رساند.",
        "دست‌هایم در کارهای ظریف خوب است و حوصله زیادی دارم.",
        "در خیاطی تجربه دارم و در خانه برای همسایه‌ها لباس می‌دوزم.",
        "مادرم در نگهداری بچه‌ها کمکم می‌کند.",
        "آدم منظمی هستم و از کار با مردم خوشم می‌آید.",
        "در مسجد محله کارهای خیریه انجام می‌دهم و با مردم ارتباط خوبی دارم.",
    ],
}

# What the person wants for work and life: at the first conversation, and months later.
WISHES = {
    GB: [
        "A part-time job, 16 hours to start, somewhere I can get to on the bus.",
        "I'd love to work outdoors, maybe gardening or grounds maintenance.",
        "Something in a shop or a cafe where I'm with people but not rushed off my feet.",
        "I want to get my CSCS card and get onto a building site. That's always been my thing.",
        "Admin work in an office, regular hours so I can do the school run.",
        "I want a job that fits round my hospital appointments and doesn't wreck me.",
    ],
    DK: [
        "Jeg vil gerne arbejde med dyr eller udendørs, gerne 15 timer om ugen til at starte med.",
        "Jeg vil gerne tilbage til lager og logistik, men med lettere løft.",
        "Et job i en butik eller et køkken, hvor jeg er sammen med andre.",
        "Jeg vil gerne have en uddannelse, men først skal hverdagen fungere.",
        "Noget med rengøring eller pedelarbejde, hvor jeg selv kan styre tempoet.",
        "Jeg drømmer om at arbejde i en børnehave som medhjælper.",
    ],
    IR: [
        "دوست دارم در یک کارگاه خیاطی کار کنم، نزدیک خانه.",
        "می‌خواهم یک کار اداری سبک داشته باشم که پشت میز باشد.",
        "دلم می‌خواهد کار خانگی خودم را راه بیندازم و درآمد ثابت داشته باشم.",
        "کار در فروشگاه یا بسته‌بندی، جایی که پله نداشته باشد.",
        "دوست دارم تعمیر موبایل یاد بگیرم و در یک مغازه کار کنم.",
        "می‌خواهم نیمه‌وقت کار کنم تا به بچه‌ها هم برسم.",
    ],
}
WISHES_LATER = {
    GB: [
        "Now I've done the course I feel ready for more hours, maybe 24.",
        "I still want outdoor work, but I'd take a warehouse job on days to get started.",
        "I'd like to stay where I am and build up my hours slowly.",
        "The interview practice helped. I want to go for the supervisor job next time.",
    ],
    DK: [
        "Efter praktikken vil jeg gerne op på 20 timer og søge ordinære timer samme sted.",
        "Jeg vil stadig gerne arbejde udendørs, men nu tør jeg også prøve et lager.",
        "Jeg er klar til at søge job selv, men vil gerne have mentoren lidt endnu.",
        "Jeg vil gerne tage et AMU-kursus, så jeg står stærkere.",
    ],
    IR: [
        "حالا که دوره را تمام کرده‌ام، می‌خواهم تمام‌وقت کار کنم.",
        "هنوز کار خیاطی را دوست دارم، اما حاضرم در بسته‌بندی هم شروع کنم.",
        "می‌خواهم در همین کارگاه بمانم و کم‌کم ساعت کارم را بیشتر کنم.",
        "اعتمادبه‌نفسم بیشتر شده و می‌خواهم خودم با کارفرما صحبت کنم.",
    ],
}
NEEDS_LATER = {
    GB: [
        "Things are steadier now. The main worry is keeping it going once I start work.",
        "I'm sleeping better. I still get nervous about new people.",
        "Money is still tight but the debt plan is working.",
    ],
    DK: [
        "Det går bedre derhjemme nu. Jeg er mest bekymret for, om jeg kan holde til flere timer.",
        "Jeg sover bedre, men jeg bliver stadig nervøs for nye mennesker.",
        "Økonomien er stram, men afdragsordningen virker.",
    ],
    IR: [
        "اوضاع بهتر شده. فقط نگرانم بعد از شروع کار بتوانم ادامه بدهم.",
        "خوابم بهتر شده ولی هنوز با آدم‌های جدید کمی مضطرب می‌شوم.",
        "هنوز از نظر مالی در فشارم، اما قسط‌ها را منظم می‌دهم.",
    ],
}
SUPPORT_AGREED = {
    GB: [
        "Weekly meetings at the surgery, help with the CV and interview practice.",
        "A confidence workshop first, then looking at jobs together.",
        "Help with childcare costs and part-time job search around school hours.",
        "Funding for a site-safety course and help finding a labouring job.",
        "Someone to come with me to the first meeting with an employer.",
    ],
    DK: [
        "Samtaler hver uge, en social mentor og praktik i en mindre virksomhed.",
        "Hjælp til at få styr på boligen først og derefter praktik.",
        "Afklaring af helbredet hos Arbejdsmedicinsk Afdeling og fysioterapi.",
        "Et AMU-kursus og hjælp til at skrive ansøgninger.",
        "Kostvejledning og motion sideløbende med en virksomhedsrettet indsats.",
    ],
    IR: [
        "جلسه هفتگی با مربی شغلی و معرفی به کارفرما.",
        "شرکت در دوره آموزش فنی و حرفه‌ای و بعد کارورزی.",
        "کارگاه اعتمادبه‌نفس و همراهی مربی در روزهای اول کار.",
        "کمک برای نوشتن طرح کسب‌وکار و درخواست تسهیلات اشتغالزایی.",
    ],
}

# Vocational profile.
WORK_HISTORY = {
    GB: [
        "Warehouse operative for 9 years (picking and packing), then agency work.",
        "Care assistant in a residential home, 4 years. Left after a back injury.",
        "Retail assistant at a supermarket, 6 years; some till supervision.",
        "Labourer on building sites on and off for 10 years, cash in hand.",
        "Kitchen porter and then commis chef; last worked 3 years ago.",
        "Call-centre adviser for 2 years; left because of anxiety.",
        "Never had a paid job; volunteered at a charity shop.",
    ],
    DK: [
        "Lagermedarbejder i 8 år, derefter vikar via vikarbureau.",
        "Rengøringsassistent på et plejehjem i 5 år.",
        "Butiksassistent i et supermarked i 4 år.",
        "Chauffør og flyttemand i 10 år, stoppede på grund af ryggen.",
        "Køkkenmedhjælper i en kantine, 3 år. Sidst i arbejde for 4 år siden.",
        "Ingen fast tilknytning til arbejdsmarkedet; kortere praktikker.",
    ],
    IR: [
        "پنج سال در یک کارگاه خیاطی کار کرده است.",
        "کارگر ساده در کارخانه بسته‌بندی، سه سال.",
        "فروشنده در مغازه لوازم‌التحریر، دو سال.",
        "سابقه کار رسمی ندارد؛ در خانه صنایع دستی می‌سازد.",
        "منشی در دفتر یک شرکت خصوصی، چهار سال.",
        "تعمیرکار لوازم خانگی به‌صورت پاره‌وقت.",
    ],
}
EDUCATION = {
    GB: [
        "GCSEs in English and Maths (grade 4).",
        "Left school at 16 with no qualifications.",
        "NVQ Level 2 in Health and Social Care.",
        "Level 1 Food Hygiene certificate; some college, not finished.",
        "A-levels; started a degree but left in the first year.",
    ],
    DK: [
        "Folkeskolens afgangsprøve.",
        "Påbegyndt erhvervsuddannelse som tømrer, ikke afsluttet.",
        "Uddannet social- og sundhedshjælper.",
        "Gymnasial uddannelse (HF).",
        "Ingen uddannelse ud over 9. klasse.",
    ],
    IR: [
        "دیپلم متوسطه",
        "سیکل (پایان دوره راهنمایی)",
        "کاردانی حسابداری",
        "کارشناسی ادبیات فارسی",
        "مدرک مهارت خیاطی از فنی و حرفه‌ای",
    ],
}
SKILLS = {
    GB: [
        "Reliable, good with customers, forklift experience (licence lapsed).",
        "Patient, caring, good at listening; basic Word and email.",
        "Practical, handy with tools, can read drawings.",
        "Cooking, food hygiene, working under pressure.",
        "Good with numbers; tidy and careful.",
    ],
    DK: [
        "Mødestabil, god til kunder, har haft truckcertifikat.",
        "Omsorgsfuld, rolig og god til at lytte.",
        "Praktisk anlagt og god med værktøj.",
        "Madlavning og hygiejne; kan arbejde i et højt tempo i korte perioder.",
        "Grundig og god til tal.",
    ],
    IR: [
        "خیاطی، دوخت و دوز، کار با چرخ صنعتی",
        "آشنایی مقدماتی با ورد و اکسل",
        "صبور و دقیق در کارهای ظریف",
        "فروش و ارتباط خوب با مشتری",
        "تعمیرات ساده برقی",
    ],
}
JOB_PREFERENCES = {
    GB: [
        "Retail or customer service, part-time",
        "Warehouse on days, no night shifts",
        "Groundwork or labouring; later site supervision",
        "Admin or reception in a GP practice or school",
        "Care work with regular hours",
        "Kitchen or cafe work",
    ],
    DK: [
        "Lager eller logistik med lette løft",
        "Butik eller kantine",
        "Pedel- eller gårdmandsarbejde",
        "Rengøring på en skole",
        "Medhjælper i børnehave",
        "Gartneri eller anlægsarbejde",
    ],
    IR: [
        "خیاطی در کارگاه",
        "بسته‌بندی در کارخانه مواد غذایی",
        "منشی‌گری یا کار اداری",
        "فروشندگی در فروشگاه",
        "تعمیر موبایل",
        "کار خانگی با حمایت بهزیستی",
    ],
}
ADJUSTMENTS = {
    GB: [
        "Breaks every two hours; no heavy lifting.",
        "A quiet place to work and written instructions.",
        "Start after 9:30 because of medication in the morning.",
        "Time off for hospital appointments.",
        "Interviews face to face, not by phone.",
        "",
    ],
    DK: [
        "Pauser hver anden time og ingen tunge løft.",
        "Rolige omgivelser og skriftlige aftaler.",
        "Mødetid efter kl. 9 på grund af medicin.",
        "Fri til behandling hos egen læge.",
        "",
    ],
    IR: [
        "محل کار بدون پله یا با رمپ",
        "صندلی و میز مناسب و استراحت کوتاه هر دو ساعت",
        "دستور کار نوشتاری و آموزش عملی",
        "ساعت کاری منعطف برای جلسات درمان",
        "",
    ],
}
# The assessor's note, by the kind of the person's main barrier (see NOTE_KIND).
BARRIER_NOTES = {
    GB: {
        "health": "Pain limits standing; wants mixed sitting and standing work.",
        "mental_health": "Anxiety around new people; does well once settled.",
        "disability": "Ready for work with the right adjustments; needs an understanding employer.",
        "social": "Home life and money are the practical barriers; motivated to work.",
        "housing": "Housing insecure; priority is a settled address.",
        "confidence": "Main barrier is confidence after a long time out; health is stable.",
        "skills": "No qualifications and weak IT skills; keen to train.",
    },
    DK: {
        "health": "Smerter begrænser fysisk arbejde; afklaring hos Arbejdsmedicinsk Afdeling.",
        "mental_health": "Den primære barriere er angst; behov for gradvis optrapning.",
        "disability": "Kan arbejde med de rette skånehensyn; behov for afklaring af hjælpemidler.",
        "social": "Sociale forhold fylder meget; behov for social mentor sideløbende med praktik.",
        "housing": "Boligsituationen skal på plads, før der kan arbejdes med job.",
        "confidence": "Lang tid uden for arbejdsmarkedet; lavt selvværd.",
        "skills": "Mangler uddannelse og danskkundskaber; motiveret for opkvalificering.",
    },
    IR: {
        "health": "درد و خستگی توان کار طولانی را کم کرده؛ کار سبک و نشسته مناسب است.",
        "mental_health": "اضطراب در جمع مانع اصلی است؛ شروع تدریجی پیشنهاد می‌شود.",
        "disability": "مانع اصلی دسترسی به محل کار و رفت‌وآمد است.",
        "social": "فشار مالی و مشکلات خانوادگی؛ انگیزه کار بالاست.",
        "housing": "نگرانی اجاره‌خانه تمرکز بر کار را سخت کرده است.",
        "confidence": "اعتمادبه‌نفس پایین پس از چند بار رد شدن.",
        "skills": "نیاز به آموزش مهارت فنی پیش از معرفی به کارفرما.",
    },
}
NOTE_KIND = {
    "health": "health",
    "mental_health": "mental_health",
    "disability": "disability",
    "social": "social",
    "childcare": "social",
    "caring": "social",
    "debt": "social",
    "substance_use": "social",
    "housing": "housing",
    "confidence": "confidence",
    "long_absence": "confidence",
    "skills": "skills",
    "digital": "skills",
    "language": "skills",
    "transport": "skills",
}

# Plans --------------------------------------------------------------------------------------

PLAN_SUMMARIES = {
    GB: [
        "I want a steady part-time job and to feel useful again.",
        "Get back to work without my health going downhill, and pay off the debts.",
        "Get my CSCS card and a labouring job, then work up from there.",
        "A job that fits round school, and to stop worrying about money.",
        "To get out of the house, meet people and earn my own money.",
    ],
    DK: [
        "Jeg vil gerne have et arbejde, der passer til mit helbred, og have styr på hverdagen.",
        "Jeg vil have en fast adresse og komme i praktik.",
        "Jeg vil tilbage på arbejdsmarkedet i mit eget tempo.",
        "Jeg vil gerne i gang med noget, hvor jeg kan bruge mine hænder.",
        "Jeg vil væk fra kontanthjælpen og have mit eget arbejde.",
    ],
    IR: [
        "می‌خواهم کار داشته باشم و روی پای خودم بایستم.",
        "می‌خواهم مهارت یاد بگیرم و در یک کارگاه مشغول شوم.",
        "دوست دارم درآمد ثابتی داشته باشم تا خرج خانواده را بدهم.",
        "می‌خواهم کار خانگی خودم را راه بیندازم.",
    ],
}

# Goals by track: (goal, [(milestone, kind of intervention that serves it or None), ...]).
GOALS = {
    GB: {
        "employment": [
            (
                "Get a part-time job of 16-24 hours close to home",
                [
                    ("CV updated and an email address for applications", None),
                    ("Three sessions of VR interview practice", "vr_interview_practice"),
                    ("Five applications sent", None),
                    ("First interview", None),
                ],
            ),
            (
                "Start work on a building site",
                [
                    ("CSCS card: site-safety course passed", "accredited_training"),
                    ("Meet two local contractors with the advisor", None),
                    ("Trial day on site", None),
                ],
            ),
            (
                "Stay in work and build up hours",
                [
                    ("Reasonable adjustments agreed with the employer", None),
                    ("Four weeks in work with weekly check-ins", None),
                    ("Hours up to 24 a week", None),
                ],
            ),
            (
                "Find admin or reception work",
                [
                    ("Computer-skills course finished", "computer_skills"),
                    ("Mock interview with the advisor", "vr_interview_practice"),
                    ("Apply for three admin roles", None),
                ],
            ),
        ],
        "skills": [
            (
                "Get confident using a computer for job search",
                [
                    ("Start the library computer-skills course", "computer_skills"),
                    ("Set up the Universal Credit journal without help", None),
                    ("Apply for a job online independently", None),
                ],
            ),
            (
                "Get a recognised qualification",
                [
                    ("Funding for the course approved", "accredited_training"),
                    ("Course completed and certificate received", "accredited_training"),
                ],
            ),
        ],
        "social": [
            (
                "Sort out childcare so work is possible",
                [
                    ("Childcare place found near school", "childcare_support"),
                    ("UC childcare element claimed", None),
                ],
            ),
            (
                "Get money and housing on a stable footing",
                [
                    ("Appointment with Citizens Advice about the debts", None),
                    ("Payment plan agreed for the rent arrears", None),
                    ("Council housing application submitted", None),
                ],
            ),
            (
                "Feel more confident meeting new people",
                [
                    ("Confidence workshop: all four sessions", "confidence_workshop"),
                    ("Join the Wednesday walking group", None),
                ],
            ),
        ],
        "health": [
            (
                "Manage back pain well enough to work",
                [
                    ("Six sessions of physiotherapy", "physiotherapy"),
                    ("Home exercise routine most days", None),
                    ("Fit note updated for phased return", None),
                ],
            ),
            (
                "Keep mood steady while starting work",
                [
                    ("Talking-therapy sessions attended", None),
                    ("Medication review with the GP", None),
                    ("Plan for bad days agreed with the clinician", None),
                ],
            ),
        ],
    },
    DK: {
        "employment": [
            (
                "Komme i virksomhedspraktik og afklare arbejdsevnen",
                [
                    ("Praktikplads fundet", "internship"),
                    ("Stabilt fremmøde i praktikken i fire uger", "internship"),
                    ("Op på 20 timer om ugen", None),
                ],
            ),
            (
                "Få ordinære timer eller løntilskud",
                [
                    ("CV og ansøgning skrevet", None),
                    ("Søge tre job om måneden", None),
                    ("Samtale med en arbejdsgiver", None),
                ],
            ),
            (
                "Fastholde job og øge timetallet",
                [
                    ("Skånehensyn aftalt med arbejdsgiveren", None),
                    ("Opfølgning på arbejdspladsen efter fire uger", None),
                ],
            ),
        ],
        "skills": [
            (
                "Opkvalificering med et AMU-kursus",
                [
                    ("Tilmeldt AMU-kursus", "vocational_training"),
                    ("AMU-kursus gennemført med bevis", "vocational_training"),
                ],
            ),
            (
                "Blive bedre til dansk og digitale løsninger",
                [
                    ("Danskundervisning to gange om ugen", None),
                    ("Kan selv bruge MitID og Jobnet", None),
                ],
            ),
        ],
        "social": [
            (
                "Få en stabil hverdag med hjælp fra en social mentor",
                [
                    ("Social mentor tilknyttet", "social_mentor"),
                    ("Fast ugeplan, der holder i en måned", None),
                    ("Styr på post og aftaler i e-Boks", None),
                ],
            ),
            (
                "Få en fast bolig",
                [
                    ("Ansøgning om botilbud eller bostøtte sendt", "housing_support"),
                    ("Flyttet ind i egen bolig", "housing_support"),
                ],
            ),
            (
                "Få overblik over gælden",
                [
                    ("Møde med gældsrådgivningen", None),
                    ("Afdragsordning aftalt", None),
                ],
            ),
        ],
        "health": [
            (
                "Få afklaret de helbredsmæssige barrierer",
                [
                    (
                        "Helbredsafklaring hos Arbejdsmedicinsk Afdeling",
                        "health_barrier_assessment",
                    ),
                    ("Skånehensyn beskrevet", None),
                ],
            ),
            (
                "Mindre smerter og mere energi i hverdagen",
                [
                    ("Forløb hos fysioterapeut", "physiotherapy"),
                    ("Motion tre gange om ugen", None),
                ],
            ),
            (
                "Håndtere angsten i nye situationer",
                [
                    ("Samtaleforløb hos psykolog via egen læge", None),
                    ("Strategi for svære dage aftalt", None),
                ],
            ),
        ],
    },
    IR: {
        "employment": [
            (
                "اشتغال در یک کارگاه یا فروشگاه نزدیک محل زندگی",
                [
                    ("تکمیل ارزیابی حرفه‌ای", None),
                    ("معرفی به دو کارفرما", None),
                    ("گذراندن دوره کارورزی", "internship"),
                    ("عقد قرارداد کار", None),
                ],
            ),
            (
                "ماندگاری در شغل",
                [
                    ("حضور مربی در محل کار در هفته اول", None),
                    ("برقراری بیمه سهم کارفرما", None),
                    ("سه ماه اشتغال پایدار", None),
                ],
            ),
            (
                "راه‌اندازی کسب‌وکار خانگی",
                [
                    ("نوشتن طرح کسب‌وکار", None),
                    ("ارسال درخواست تسهیلات اشتغالزایی", None),
                ],
            ),
        ],
        "skills": [
            (
                "یادگیری یک مهارت فنی",
                [
                    ("ثبت‌نام در دوره فنی و حرفه‌ای", "vocational_training"),
                    ("دریافت گواهی مهارت", "vocational_training"),
                ],
            ),
            (
                "آشنایی با کامپیوتر",
                [
                    ("شرکت در دوره مهارت‌های هفت‌گانه", "computer_skills"),
                    ("نوشتن رزومه با کمک مربی", None),
                ],
            ),
        ],
        "social": [
            (
                "افزایش اعتمادبه‌نفس و ارتباط با دیگران",
                [
                    ("شرکت در کارگاه اعتمادبه‌نفس", "confidence_workshop"),
                    ("حضور در جلسات گروهی مرکز", None),
                ],
            ),
            (
                "حل مشکل رفت‌وآمد به محل کار",
                [
                    ("درخواست کمک‌هزینه ایاب و ذهاب", None),
                    ("همراهی خانواده در هفته‌های اول", None),
                ],
            ),
        ],
        "health": [
            (
                "توانبخشی برای کار روزانه",
                [
                    ("جلسات فیزیوتراپی", "physiotherapy"),
                    ("تهیه وسیله کمکی مناسب", None),
                ],
            ),
            (
                "ثبات خلق و ادامه درمان",
                [
                    ("پیگیری منظم با روان‌پزشک", None),
                    ("مصرف منظم داروها", None),
                ],
            ),
        ],
    },
}

# Which of the person's barriers (or conditions) a goal is for; goals not named suit anyone.
GOAL_FOR = {
    "Sort out childcare so work is possible": {"childcare"},
    "Get money and housing on a stable footing": {"debt", "housing", "social"},
    "Get confident using a computer for job search": {"digital", "skills", "language"},
    "Manage back pain well enough to work": {"health", "disability"},
    "Keep mood steady while starting work": {"mental_health"},
    "Blive bedre til dansk og digitale løsninger": {"language", "digital"},
    "Få en fast bolig": {"housing"},
    "Få overblik over gælden": {"debt"},
    "Mindre smerter og mere energi i hverdagen": {"health", "disability"},
    "Håndtere angsten i nye situationer": {"mental_health"},
    "آشنایی با کامپیوتر": {"digital", "skills"},
    "حل مشکل رفت‌وآمد به محل کار": {"transport", "disability"},
    "توانبخشی برای کار روزانه": {"health", "disability"},
    "ثبات خلق و ادامه درمان": {"mental_health"},
}

# Interventions ------------------------------------------------------------------------------

INTERVENTION_NOTES = {
    GB: [
        "Booked through the provider's online form.",
        "Funding agreed by the team lead.",
        "{name} asked for a morning session.",
        "",
        "",
    ],
    DK: [
        "Aftalt på teammødet.",
        "{name} ønsker formiddage.",
        "Bevilget efter samtale med borgeren.",
        "",
        "",
    ],
    IR: [
        "با هماهنگی مدیر مرکز معرفی شد.",
        "{name} نوبت صبح را ترجیح می‌دهد.",
        "هزینه از محل اعتبارات اشتغال پرداخت می‌شود.",
        "",
        "",
    ],
}
ATTENDANCE_MISSED = {
    GB: ["Rang in sick.", "No show; texted afterwards.", "Hospital appointment.", ""],
    DK: ["Meldt syg.", "Udeblev uden afbud.", "Lægetid.", ""],
    IR: ["بیمار بود.", "بدون اطلاع نیامد.", "نوبت دکتر داشت.", ""],
}

# Contacts and appointments ------------------------------------------------------------------

CONTACTS = {
    GB: {
        "face_to_face": [
            "Met {name} at the office. Went through three vacancies from the jobs board; {name} "
            "will apply for the kitchen porter role.",
            "Weekly meeting with {name}: updated the plan and practised answers to common "
            "interview questions.",
            "{name} came in to sign the training-funding form and go through the course dates.",
            "Went through the job offer with {name}: hours, pay and the start date.",
        ],
        "phone": [
            "Rang {name} to ask how the first week at work went. Tired but happy; the manager "
            "has been supportive.",
            "Phone catch-up with {name}: no news on the applications yet. Agreed to widen the "
            "search to Gateshead.",
            "Called {name} to confirm Tuesday's appointment; bringing ID for the right-to-work "
            "check.",
            "{name} rang to say the interview went well. Waiting to hear by Friday.",
        ],
        "video": [
            "Video call with {name} to go over the CV; added the volunteering at the food bank.",
            "Video call with {name} and the employer to agree a phased start.",
        ],
        "gp_practice": [
            "Saw {name} at the surgery after the GP appointment. Keen to keep looking for "
            "part-time admin work.",
            "Met {name} at the practice; went through the confidence workshop dates.",
        ],
        "home_visit": [
            "Home visit: {name} prefers not to come into town this week. Filled in the "
            "application form together at the kitchen table.",
        ],
        "message": [
            "Texted {name} the details of the warehouse open day on Friday.",
            "Emailed {name} the link to book the confidence workshop.",
            "Sent {name} a reminder about Monday's appointment.",
        ],
    },
    DK: {
        "face_to_face": [
            "Samtale med {name} i jobcentret. Vi gennemgik praktikaftalen og ugeplanen.",
            "Opfølgende samtale: {name} er glad for praktikken, men træt om eftermiddagen.",
            "{name} kom forbi og underskrev aftalen om AMU-kurset.",
            "Samtale om pejlemærkerne. {name} har nået to ud af tre.",
        ],
        "phone": [
            "Ringede til {name} for at høre, hvordan første uge i praktik gik. Det gik godt.",
            "Telefonsamtale med {name}: ingen nyt fra arbejdsgiveren endnu.",
            "{name} ringede og meldte afbud til samtalen på grund af sygdom. Ny tid aftalt.",
            "Kort opringning til {name} for at bekræfte mødet med mentoren.",
        ],
        "video": [
            "Videomøde med {name} og praktikstedet om timetallet.",
            "Videosamtale med {name}, der ikke kunne komme ind i dag.",
        ],
        "home_visit": [
            "Hjemmebesøg hos {name} sammen med den sociale mentor. Vi lavede en ugeplan.",
        ],
        "message": [
            "Sendt besked til {name} i Digital Post om mødet på tirsdag.",
            "SMS til {name} med adressen på praktikstedet.",
            "Påmindelse sendt til {name} om samtalen i morgen.",
        ],
    },
    IR: {
        "face_to_face": [
            "جلسه حضوری با {name} در مرکز. درباره فرصت شغلی کارگاه بسته‌بندی صحبت کردیم.",
            "{name} برای تکمیل فرم ثبت‌نام دوره آموزشی به مرکز آمد.",
            "در محل کار {name} حاضر شدم و با سرپرست درباره وظایف او صحبت کردم.",
            "جلسه هفتگی با {name}: برنامه هفته بعد مرور شد.",
        ],
        "phone": [
            "با {name} تماس گرفتم تا از هفته اول کار بپرسم. راضی است.",
            "تماس تلفنی با {name}: هنوز از کارفرما خبری نشده است.",
            "{name} تماس گرفت و گفت مصاحبه خوب پیش رفته است.",
        ],
        "video": [
            "تماس تصویری با {name} برای تمرین مصاحبه.",
        ],
        "home_visit": [
            "بازدید از منزل {name}. خانواده از شروع کار او حمایت می‌کنند.",
        ],
        "message": [
            "پیامک یادآوری جلسه شنبه برای {name} ارسال شد.",
            "نشانی کارگاه برای {name} پیامک شد.",
        ],
    },
}
# A few contacts are about the person's health or private circumstances.
SENSITIVE_CONTACTS = {
    GB: {
        "social": [
            "Joint visit with {name} about the rent arrears; payment plan agreed with the "
            "housing association.",
            "{name} worried about contact arrangements for the children; signposted to family "
            "mediation. No safeguarding concerns.",
        ],
        "health": [
            "Clinic review with {name}: medication side effects settling; fine to carry on with "
            "the job search.",
            "Talked with {name} about pacing energy at work after a flare-up. Review in a month.",
        ],
    },
    DK: {
        "social": [
            "Samtale med {name} om familiens situation; barnet har fået støtte i skolen.",
            "{name} har fået en afdragsordning med boligselskabet.",
        ],
        "health": [
            "Arbejdsmedicinsk samtale med {name}: smerterne er stabile; kan øge til 20 timer.",
            "Opfølgning med {name} om søvn og angst. Fortsætter behandlingen hos egen læge.",
        ],
    },
    IR: {
        "social": [
            "مددکار با {name} درباره اجاره‌خانه صحبت کرد؛ درخواست کمک‌هزینه مسکن ثبت شد.",
            "بازدید مددکار از منزل {name}؛ خانواده از کار او حمایت می‌کنند.",
        ],
        "health": [
            "ارزیابی توانبخشی {name}: برای کار نشسته با استراحت کوتاه مناسب است.",
            "پیگیری وضعیت خلق {name}؛ داروها منظم مصرف می‌شود.",
        ],
    },
}

APPOINTMENT_PURPOSES = {
    GB: [
        "Weekly catch-up and job search",
        "Mock interview before Thursday's interview",
        "Go through the job offer and start date",
        "Review the plan",
        "CV and application forms",
        "In-work check-in",
    ],
    DK: [
        "Opfølgende samtale",
        "Samtale om praktikforløbet",
        "Gennemgang af planen og pejlemærkerne",
        "Samtale med mentor og praktiksted",
        "Helbredsafklaring, første samtale",
    ],
    IR: [
        "جلسه هفتگی مربی شغلی",
        "آمادگی برای مصاحبه با کارفرما",
        "مرور برنامه فردی",
        "پیگیری در محل کار",
        "جلسه ارزیابی حرفه‌ای",
    ],
}

# Stages -------------------------------------------------------------------------------------

STAGE_NOTES = {
    GB: {
        "vocational_profiling": [
            "Engaging well and coming every week; starting the vocational profile.",
            "Settled in. Time to look at what work {name} wants.",
        ],
        "job_finding": [
            "Profile done: looking for part-time retail and admin roles.",
            "Ready to start applying; focus on jobs within a bus ride.",
        ],
        "employer_engagement": [
            "Two employers interested; arranging a meeting with the garden centre.",
            "Offer from the distribution centre, subject to references.",
        ],
        "on_off_job_support": [
            "{name} started work on Monday. Weekly check-ins for the first month.",
            "In work, 20 hours a week. Follow-along support agreed with the manager.",
        ],
        "back": [
            "The employer withdrew the offer; back to job search.",
            "The job ended after the trial period. Looking again.",
            "Stepping back for now: {name} had a hard month and needs time to settle.",
        ],
    },
    DK: {
        "vocational_profiling": [
            "{name} kommer stabilt til samtalerne; vi går i gang med den faglige profil.",
            "Afklaring af ressourcer og ønsker påbegyndt.",
        ],
        "job_finding": [
            "Profilen er færdig; der søges praktik i lager og detail.",
            "Klar til jobsøgning med støtte fra mentoren.",
        ],
        "employer_engagement": [
            "Dialog med et tømrerfirma om praktik med henblik på løntilskud.",
            "Arbejdsgiver interesseret; møde aftalt med {name}.",
        ],
        "on_off_job_support": [
            "{name} er startet i job på 15 timer. Opfølgning hver anden uge.",
            "Ansat på ordinære timer; støtte på og uden for arbejdspladsen aftalt.",
        ],
        "back": [
            "Praktikken stoppede efter to uger; vi finder et nyt sted.",
            "Arbejdsgiveren trak tilbuddet; tilbage til jobsøgning.",
            "{name} har brug for ro; vi tager et skridt tilbage.",
        ],
    },
    IR: {
        "vocational_profiling": [
            "{name} در جلسات منظم شرکت می‌کند؛ ارزیابی حرفه‌ای آغاز شد.",
            "آشنایی انجام شد؛ حالا توانایی‌ها و علاقه‌ها را بررسی می‌کنیم.",
        ],
        "job_finding": [
            "ارزیابی حرفه‌ای کامل شد؛ جست‌وجوی شغل در کارگاه‌های خیاطی.",
            "آماده معرفی به کارفرماست.",
        ],
        "employer_engagement": [
            "با کارفرمای کارگاه بسته‌بندی درباره شرایط کار {name} صحبت شد.",
            "کارفرما موافقت کرد {name} را یک هفته آزمایشی بپذیرد.",
        ],
        "on_off_job_support": [
            "{name} از شنبه مشغول کار شد؛ پیگیری هفتگی در محل کار.",
            "قرارداد کار بسته شد؛ حمایت در محل کار و بیرون از آن ادامه دارد.",
        ],
        "back": [
            "کارفرما از همکاری منصرف شد؛ دوباره دنبال شغل می‌گردیم.",
            "دوره آزمایشی به پایان نرسید؛ بازگشت به جست‌وجوی شغل.",
            "{name} به زمان بیشتری نیاز دارد؛ یک مرحله به عقب برگشتیم.",
        ],
    },
}

EXIT_NOTES = {
    GB: {
        "job": "Started work and settled in; follow-along support finished.",
        "education": "Started a full-time college course in September.",
        "moved": "Moved to Leeds to be near family; passed on the local provider's details.",
        "withdrew": "{name} decided to stop for now. Happy to be referred again later.",
        "health": "Health got worse; agreed with {name} and the GP to stop for now.",
        "support_ended": "The support period ended. Summary letter sent to {name}.",
    },
    DK: {
        "job": "Ordinært job på 25 timer; forløbet afsluttet efter aftale.",
        "education": "Startet på erhvervsuddannelse.",
        "moved": "Borgeren er flyttet til en anden kommune; sagen er overdraget.",
        "withdrew": "{name} ønsker ikke at fortsætte forløbet.",
        "health": "Helbredet er forværret; sagen overgår til ressourceforløb.",
        "no_longer_eligible": "Overgået til ressourceforløb efter rehabiliteringsmødet.",
        "support_ended": "Forløbet er afsluttet.",
    },
    IR: {
        "job": "{name} یک سال در کار ماند؛ پیگیری به پایان رسید.",
        "self_employment": "کسب‌وکار خانگی {name} با تسهیلات اشتغالزایی راه افتاد.",
        "moved": "خانواده به شهرستان دیگری نقل مکان کردند.",
        "withdrew": "{name} تصمیم گرفت فعلاً ادامه ندهد.",
        "health": "به دلیل بدتر شدن وضعیت سلامت، همکاری متوقف شد.",
        "support_ended": "دوره حمایت به پایان رسید.",
    },
}
RESUMED_NOTES = {
    GB: "Back in touch after the break; picking up where we left off.",
    DK: "Forløbet genoptaget efter pausen.",
    IR: "همکاری پس از وقفه دوباره آغاز شد.",
}

# Case reviews -------------------------------------------------------------------------------

KOGE_QUEUE_NAME = "Gennemgang af matchgruppe 3 \N{EN DASH} kontanthjælp"
KOGE_QUEUE_DESCRIPTION = (
    "Tværfaglig gennemgang af sagerne for kontanthjælpsmodtagere i matchgruppe 3 (Brug for "
    "Alle). Jobcentrets specialister, Social og Sundhed og Arbejdsmedicinsk Afdeling ser på "
    "hver sag med nye øjne og laver en konkret plan sammen med borgeren."
)
SKIP_REASONS = [
    "Borgeren er indlagt; sagen tages op, når borgeren er udskrevet.",
    "Borgeren starter i ordinært job på nedsat tid næste måned; gennemgang ikke relevant nu.",
    "Afventer speciallægeerklæring; sagen tages op på næste møde.",
]

REVIEWS = {
    DK: {
        "views": [
            "Jeg vil gerne i praktik, men jeg er bange for ikke at kunne holde til det.",
            "Jeg har brug for hjælp til boligen først. Det fylder alt.",
            "Jeg vil gerne arbejde, men ryggen skal afklares, før jeg kan love noget.",
            "Jeg synes, mentoren har hjulpet meget. Jeg vil gerne fortsætte.",
            "Jeg har prøvet mange kurser. Nu vil jeg ud på en rigtig arbejdsplads.",
            "Jeg ved ikke, om jeg kan arbejde. Jeg vil gerne have lægen til at se på det.",
        ],
        "absent_views": [
            "Borgeren deltog ikke, men sagde i telefonen: »Jeg vil gerne i praktik i en butik.«",
            "Borgeren var syg og sagde i telefonen: »Jeg vil gerne fortsætte med mentoren.«",
        ],
        "discussions": [
            "Sagen gennemgået på ny. Angst er den primære barriere; tidligere tilbud har været "
            "for store spring. Arbejdsmedicinsk Afdeling anbefaler gradvis optrapning.",
            "Borgeren har været på kontanthjælp i flere år uden en samlet plan. Sociale forhold "
            "og boligsituation skal løses sideløbende med en virksomhedsrettet indsats.",
            "Smerterne er ikke udredt. Helbredsafklaring før praktik, men social mentor kan "
            "starte nu.",
            "God udvikling i praktikken. Teamet vurderer, at borgeren kan øge timetallet.",
            "Misbruget er under kontrol. Behov for struktur i hverdagen og et konkret mål.",
        ],
        "decision_notes": {
            "new_plan": "Ny plan med parallelle indsatser: beskæftigelse, social og helbred.",
            "change_plan": "Planen justeres: praktik udsættes, helbredsafklaring først.",
            "continue": "Planen fortsætter uændret; ny gennemgang om tre måneder.",
            "refer_on": "Henvises til rehabiliteringsteamet med henblik på ressourceforløb.",
            "pause": "Forløbet sættes på pause under borgerens behandling.",
            "end": "Forløbet afsluttes; borgeren overgår til ressourceforløb.",
        },
        "actions": [
            ("Bestille helbredsafklaring hos Arbejdsmedicinsk Afdeling", "key_worker"),
            ("Vurdere skånehensyn ud fra speciallægeerklæringen", "physician"),
            ("Tilknytte social mentor", "social"),
            ("Finde praktikplads i detail eller lager", "key_worker"),
            ("Søge om bostøtte", "social"),
            ("Indhente oplysninger fra egen læge (med samtykke)", "physician"),
            ("Tilmelde AMU-kursus", "key_worker"),
            ("Indkalde til opfølgende samtale", "key_worker"),
        ],
        "other_attendees": ["Borgerens bisidder", "Mentor fra Køge Kommune", "", "", ""],
    },
    GB: {
        "views": [
            "I want to keep going with the job search but I need the hours to fit round school.",
            "The course helped. I'm ready to go for interviews now.",
            "I've had a rough few weeks. I don't want to stop, just slow down a bit.",
            "I'd like to try the building site idea. I know I can do it.",
        ],
        "absent_views": [
            'Could not come in; said on the phone: "Work is going well, I want to stay."'
        ],
        "discussions": [
            "Reviewed progress with the clinical team: mood more stable, ready for interviews.",
            "Childcare is the sticking point; the advisor will look at the UC childcare element.",
            "Back pain limits warehouse work; physio and a phased start agreed as the way forward.",
        ],
        "decision_notes": {
            "new_plan": "New plan with employment, skills and health goals.",
            "change_plan": "Plan changed: physio first, then a phased return.",
            "continue": "Carry on with the current plan; review in three months.",
            "refer_on": "Refer to the community mental-health team for talking therapies.",
            "pause": "Pause support while in hospital.",
            "end": "End support: in work and settled.",
        },
        "actions": [
            ("Book VR interview practice", "key_worker"),
            ("Ask the GP for an updated fit note", "clinician"),
            ("Refer to Citizens Advice for the debts", "social"),
            ("Contact two employers about work trials", "key_worker"),
        ],
        "other_attendees": ["Practice nurse", "", ""],
    },
    IR: {
        "views": [
            "می‌خواهم کار کنم ولی باید محل کار پله نداشته باشد.",
            "دوره خیاطی خیلی کمکم کرد؛ حالا آماده‌ام سر کار بروم.",
            "از کارم راضی‌ام و می‌خواهم ساعت کارم بیشتر شود.",
            "چند هفته حالم خوب نبود، اما می‌خواهم ادامه بدهم.",
        ],
        "absent_views": ["مددجو نتوانست بیاید؛ تلفنی گفت می‌خواهد در همان کارگاه بماند."],
        "discussions": [
            "پرونده در جلسه تیم بررسی شد. مددجو در کارورزی پیشرفت خوبی داشته است.",
            "مانع اصلی رفت‌وآمد است؛ مددکار پیگیری کمک‌هزینه ایاب و ذهاب را بر عهده گرفت.",
            "وضعیت جسمی مددجو پایدار است؛ کار نشسته با استراحت کوتاه مناسب است.",
        ],
        "decision_notes": {
            "new_plan": "برنامه فردی جدید با اهداف اشتغال، مهارت و توانبخشی تنظیم شد.",
            "change_plan": "برنامه اصلاح شد: ابتدا دوره آموزشی، سپس معرفی به کارفرما.",
            "continue": "برنامه فعلی ادامه می‌یابد؛ بررسی دوباره سه ماه دیگر.",
            "refer_on": "معرفی به مرکز جامع توانبخشی برای ارزیابی تکمیلی.",
            "pause": "همکاری تا پایان درمان متوقف می‌شود.",
            "end": "پیگیری یک‌ساله کامل شد؛ پرونده بسته می‌شود.",
        },
        "actions": [
            ("معرفی به کارگاه بسته‌بندی شهرک صنعتی توس", "key_worker"),
            ("پیگیری کمک‌هزینه ایاب و ذهاب", "social"),
            ("ارزیابی توانبخشی و پیشنهاد وسیله کمکی", "clinician"),
            ("تکمیل درخواست بیمه سهم کارفرما", "key_worker"),
        ],
        "other_attendees": ["پدر مددجو", "", ""],
    },
}
