"""What staff and referrers write in the demo, in the language each programme works in.

This is data, not interface text: it is stored as if typed by a caseworker, a GP practice, a
jobcentre or a welfare office, so it is not marked for translation. `{name}` is the person's
given name; `{months}` how long they have been out of work.
"""

GB, DK, IR = "GB", "DK", "IR"

ELIGIBILITY = {
    "connect_to_work": (
        "Connect to Work is voluntary. It is open to anyone who has a disability, a health "
        "condition or a complex barrier to work and wants help to find work or to stay in work. "
        "Support lasts up to 12 months for people who are out of work, and up to 4 months for "
        "people who are in work but at risk of losing their job. People can be referred by "
        "their GP, their council or a community organisation, or can refer themselves."
    ),
    "koge": (
        "Kontanthjælpsmodtagere i matchgruppe 3 (ikke job- eller uddannelsesparate). Sagen "
        "gennemgås på ny af et tværfagligt team med specialister fra jobcentret, kommunens "
        "social- og sundhedsafdeling og Arbejdsmedicinsk Afdeling, og borgeren får en konkret "
        "plan, fx udredning af helbredsmæssige barrierer, social mentor, praktikforløb eller "
        "botilbud."
    ),
    "ballerup": (
        "Alle borgere, der henvises fra jobcentret, tilbydes sundhedssamtaler, så de kan "
        "afklare egne behov, ressourcer og ønsker, og forløbet kan tilrettelægges efter dem. "
        "Målgruppen er borgere på kontanthjælp, i ressourceforløb, sygemeldte eller i "
        "jobafklaringsforløb."
    ),
    "mashhad": (
        "ویژه مددجویان دارای معلولیت تحت پوشش بهزیستی که می‌خواهند در محیط کار واقعی مشغول "
        "شوند. مربی شغلی در پنج مرحله همراه مددجو است: آشنایی و تعامل، ارزیابی حرفه‌ای، یافتن "
        "شغل، همکاری با کارفرما، و حمایت در محل کار و بیرون از آن. پس از به‌کارگماری، یک سال "
        "پیگیری انجام می‌شود تا اشتغال پایدار بماند."
    ),
}

# What the person says stands between them and work, in their own words.
BARRIER_OWN_WORDS = {
    GB: {
        "social": [
            "Things at home have been hard since the split. I need to get myself sorted.",
        ],
        "housing": ["I'm sofa-surfing at my sister's at the minute, so it's hard to plan."],
        "childcare": [
            "I can't afford childcare for the little one, and the hours never fit with school.",
        ],
        "caring": ["I look after my mum most days, so it has to be part-time and close by."],
        "substance_use": [
            "I've been sober eleven months. I want a job that keeps me busy and away from the "
            "old crowd.",
        ],
        "skills": ["I left school with nothing. Every job wants a qualification I haven't got."],
        "language": ["My English is better for speaking than writing. Forms are hard for me."],
        "digital": ["Everything is online now and I don't really know how to use a computer."],
        "confidence": [
            "I've been knocked back that many times I don't think anyone would take me on.",
        ],
        "debt": ["The debts are doing my head in. I need something steady to pay them off."],
        "transport": ["There's one bus an hour from our village and I don't drive."],
        "long_absence": ["I haven't worked in nearly three years. I wouldn't know where to start."],
    },
    DK: {
        "social": [
            "Der har været meget uro derhjemme efter skilsmissen, og min søn har det ikke godt "
            "i skolen.",
        ],
        "housing": ["Jeg bor midlertidigt hos en ven og har ikke min egen adresse lige nu."],
        "childcare": ["Jeg er alene med børnene, så arbejdstiden skal passe med institutionen."],
        "caring": ["Jeg passer min mor, som er syg, så jeg kan kun arbejde nogle timer om dagen."],
        "substance_use": [
            "Jeg har været ude af misbruget i et halvt år og vil gerne have noget at stå op til.",
        ],
        "skills": ["Jeg har ingen uddannelse ud over folkeskolen."],
        "language": ["Jeg taler lidt dansk, men det er svært at læse breve og skrive ansøgninger."],
        "digital": ["Jeg er ikke god til computer, og alt foregår på nettet nu."],
        "confidence": [
            "Jeg har været væk så længe, at jeg ikke tror, nogen vil ansætte mig.",
        ],
        "debt": ["Jeg har gæld, som jeg tænker på hele tiden."],
        "transport": ["Jeg har ikke bil, og bussen kører ikke ud til de fleste arbejdspladser."],
        "long_absence": ["Jeg har ikke arbejdet i mange år. Jeg ved ikke, hvor jeg skal starte."],
    },
    IR: {
        "social": ["بعد از جدایی، زندگی‌ام به هم ریخته و خرج بچه‌ها با خودم است."],
        "housing": ["اجاره‌خانه خیلی بالا رفته و شاید مجبور شویم جابه‌جا شویم."],
        "childcare": ["بچه کوچک دارم و کسی نیست که وقتی سر کار هستم از او نگهداری کند."],
        "caring": ["از پدرم که سکته کرده نگهداری می‌کنم، برای همین فقط کار نیمه‌وقت می‌توانم."],
        "substance_use": ["یک سال است ترک کرده‌ام و می‌خواهم کار داشته باشم تا برنگردم."],
        "skills": ["فقط تا سوم راهنمایی درس خوانده‌ام و مهارت خاصی ندارم."],
        "language": ["فارسی را خوب حرف می‌زنم اما خواندن و نوشتن برایم سخت است."],
        "digital": ["با کامپیوتر و گوشی هوشمند زیاد آشنا نیستم."],
        "confidence": ["آن‌قدر جواب رد شنیده‌ام که دیگر فکر نمی‌کنم کسی مرا استخدام کند."],
        "debt": ["قسط وام و بدهی‌ها فشار آورده و به یک درآمد ثابت نیاز دارم."],
        "transport": ["از روستا تا شهر رفت‌وآمد سخت و گران است."],
        "long_absence": ["چند سال است کار نکرده‌ام و نمی‌دانم از کجا شروع کنم."],
    },
}

# Why the referrer is referring the person, keyed by the main barrier.
REFERRAL_REASONS = {
    GB: {
        "health": "{condition}: out of work {months} months. Wants to return to lighter work "
        "and agreed to the referral at review.",
        "mental_health": "{condition}: stable on medication and engaging with talking "
        "therapies. Out of work {months} months; feels work would help with routine.",
        "disability": "{condition}. Has struggled to find an accessible workplace; out of work "
        "{months} months and keen to try with the right support.",
        "social": "Recent relationship breakdown and family stress. Was working until "
        "{months} months ago and wants support to get back.",
        "housing": "In temporary accommodation, supported by the housing officer. Wants work "
        "to get back on track.",
        "childcare": "Single parent, youngest now at school. Wants part-time work around school "
        "hours and help with childcare costs.",
        "caring": "Carer for a parent. Wants flexible part-time work close to home.",
        "substance_use": "In recovery from alcohol use, engaging with the community recovery "
        "service. Wants work to keep structure in the week.",
        "skills": "No formal qualifications; interested in construction and would benefit from "
        "funded training.",
        "language": "English is a second language. Wants help with applications and an ESOL "
        "course alongside job search.",
        "digital": "Struggles with online applications and the UC journal; needs computer "
        "skills support.",
        "confidence": "Very low confidence after a long spell out of work. Would benefit from "
        "a confidence workshop and interview practice.",
        "debt": "Money worries and debt; wants steady work. Already seeing Citizens Advice.",
        "transport": "Lives rurally with no car; needs work reachable by bus.",
        "long_absence": "Out of work {months} months after illness. Motivated but unsure where "
        "to start.",
    },
    DK: {
        "health": "{condition}. Borgeren har været uden arbejde i {months} måneder og ønsker "
        "afklaring af, hvilket arbejde der er realistisk.",
        "mental_health": "{condition}, i behandling hos egen læge. Borgeren ønsker hjælp til at "
        "komme tættere på arbejdsmarkedet.",
        "disability": "{condition}. Behov for afklaring af skånehensyn og mulige "
        "arbejdsfunktioner.",
        "social": "Borger med sociale udfordringer i familien; barnet mistrives i skolen. "
        "Behov for en sammenhængende plan.",
        "housing": "Borger uden fast bopæl. Behov for botilbud sideløbende med den "
        "beskæftigelsesrettede indsats.",
        "childcare": "Enlig forsørger. Ønsker arbejde i dagtimerne, der passer med institutionen.",
        "caring": "Borger passer syg forælder og kan kun arbejde få timer om dagen.",
        "substance_use": "Borger med tidligere misbrug af rusmidler, nu i behandling. Behov for "
        "social mentor.",
        "skills": "Borger uden erhvervsuddannelse. Ønsker opkvalificering og praktik.",
        "language": "Borger med begrænsede danskkundskaber. Behov for tolk og danskundervisning.",
        "digital": "Borger har svært ved digitale løsninger og jobsøgning på nettet.",
        "confidence": "Lavt selvværd efter lang tids ledighed. Ønsker praktik i en mindre "
        "virksomhed.",
        "debt": "Borger med betydelig gæld, som fylder meget. Behov for gældsrådgivning.",
        "transport": "Borger uden bil; arbejde skal kunne nås med offentlig transport.",
        "long_absence": "Borger har været uden for arbejdsmarkedet i {months} måneder. Sagen "
        "skal gennemgås på ny i det tværfaglige team.",
    },
    IR: {
        "health": "مددجو با {condition}؛ {months} ماه است بیکار است و برای کار سبک‌تر درخواست "
        "کمک دارد.",
        "mental_health": "مددجو با سابقه {condition}، تحت درمان در مرکز مشاوره. برای بازگشت به "
        "کار به حمایت نیاز دارد.",
        "disability": "مددجو با {condition}، متقاضی اشتغال حمایت‌شده. {months} ماه است بیکار است.",
        "social": "زن سرپرست خانوار تحت پوشش بهزیستی. برای درآمد پایدار به شغل نیاز دارد.",
        "housing": "مددجو در تأمین اجاره‌بها مشکل دارد و به درآمد ثابت نیاز دارد.",
        "childcare": "مادر دارای فرزند خردسال؛ به کار پاره‌وقت نزدیک محل سکونت نیاز دارد.",
        "caring": "مددجو از عضو معلول خانواده نگهداری می‌کند و فقط کار نیمه‌وقت می‌تواند.",
        "substance_use": "مددجوی بهبودیافته از اعتیاد، معرفی‌شده از مرکز ترک. برای ماندگاری "
        "در بهبودی به شغل نیاز دارد.",
        "skills": "مددجو مهارت فنی ندارد و برای آموزش حرفه‌ای و اشتغال معرفی می‌شود.",
        "language": "مددجو سواد خواندن و نوشتن کافی ندارد؛ به کار عملی علاقه دارد.",
        "digital": "مددجو با رایانه آشنا نیست و برای کار اداری به آموزش نیاز دارد.",
        "confidence": "مددجو پس از چند بار رد شدن اعتمادبه‌نفس خود را از دست داده است.",
        "debt": "مددجو بدهی دارد و برای طرح خوداشتغالی متقاضی وام است.",
        "transport": "مددجو ساکن روستاست و رفت‌وآمد به شهر برایش دشوار است.",
        "long_absence": "مددجو {months} ماه است کار نکرده و برای بازگشت به کار معرفی می‌شود.",
    },
}

IN_WORK_AT_RISK_REASONS = [
    "In work but off sick for {weeks} weeks; at risk of losing the job. Employer open to a "
    "phased return.",
    "Struggling to stay in work because of health; has had two warnings about absence. Wants "
    "help talking to the employer about adjustments.",
]

WANTS_HELP_WITH = {
    GB: [
        "Finding part-time work close to home",
        "A CV and some interview practice",
        "Funding for a training course",
        "Help with childcare costs so I can work",
        "Getting back to work after being off sick",
        "Learning to use a computer for job applications",
        "Talking to my employer about adjustments",
    ],
    DK: [
        "Praktik og afklaring af, hvad jeg kan",
        "Hjælp til at finde arbejde, der passer til mit helbred",
        "Hjælp til at komme i gang med motion og få mere energi",
        "En social mentor, der kan hjælpe med hverdagen",
        "Hjælp til at skrive ansøgninger",
    ],
    IR: [
        "پیدا کردن کار مناسب با شرایط جسمی",
        "وام خوداشتغالی برای راه‌اندازی کارگاه خانگی",
        "آموزش مهارت فنی",
        "معرفی به کارفرما و همراهی در محل کار",
    ],
}

# Conditions as written in the record, keyed by the kind of barrier they explain, each with
# what a person living with it might say about work.
HEALTH_CONDITIONS = {
    GB: {
        "mental_health": [
            (
                "Depression",
                "I've had depression on and off for years. Some mornings getting "
                "out the door is the hardest part.",
            ),
            (
                "Anxiety",
                "My anxiety is the main thing. I panic in crowds and on the phone to "
                "people I don't know.",
            ),
            ("PTSD", "Loud, busy places set me off. I need somewhere I can settle."),
            (
                "Bipolar disorder",
                "When I'm well I'm a good worker, but when I'm low I can't keep a job going.",
            ),
        ],
        "health": [
            (
                "Chronic back pain",
                "My back is bad most days. I can't lift like I used to, and "
                "standing all shift finished me at the warehouse.",
            ),
            (
                "Type 2 diabetes",
                "Since the diabetes got worse I'm wiped out by the afternoon. "
                "I need something where I can take a break.",
            ),
            ("COPD", "I get breathless on stairs and in the cold, so outdoor work is out."),
            ("Long COVID", "Since I had COVID I'm exhausted after a couple of hours."),
            ("Osteoarthritis", "My knees won't take a day on my feet any more."),
            ("Fibromyalgia", "The pain moves about, and some days I can barely get dressed."),
        ],
        "disability": [
            (
                "Hearing impairment",
                "I'm partially deaf, so phone interviews are impossible for me.",
            ),
            ("Visual impairment", "My sight is poor. I need a screen reader and large print."),
            ("Multiple sclerosis", "With MS I have good days and bad days, and I tire quickly."),
            (
                "Learning disability",
                "I learn best when someone shows me. Written instructions confuse me.",
            ),
            (
                "Autism",
                "I'm good with detail, but interviews and small talk are really hard for me.",
            ),
        ],
    },
    DK: {
        "mental_health": [
            (
                "Depression",
                "Jeg har haft depression i flere år. Nogle dage kan jeg ikke komme ud af døren.",
            ),
            (
                "Angst",
                "Angsten fylder meget. Jeg har svært ved at være sammen med mange mennesker.",
            ),
            ("PTSD", "Larm og mange mennesker gør mig utryg. Jeg har brug for faste rammer."),
            (
                "Stress",
                "Jeg gik ned med stress på mit sidste job og er bange for, at det sker igen.",
            ),
        ],
        "health": [
            (
                "Kroniske rygsmerter",
                "Min ryg driller det meste af tiden. Jeg kan ikke løfte "
                "eller stå op ret længe ad gangen.",
            ),
            ("Type 2-diabetes", "Efter jeg fik sukkersyge, er jeg helt flad om eftermiddagen."),
            ("KOL", "Jeg bliver hurtigt forpustet, så jeg kan ikke arbejde udendørs."),
            ("Slidgigt", "Mine knæ kan ikke holde til at stå op en hel dag."),
            ("Fibromyalgi", "Smerterne flytter rundt, og nogle dage kan jeg næsten ingenting."),
            ("Migræne", "Når migrænen kommer, er jeg ude af spillet i et par dage."),
        ],
        "disability": [
            (
                "Nedsat hørelse",
                "Jeg hører dårligt, så telefonsamtaler og store møder er svære for mig.",
            ),
            ("Nedsat syn", "Jeg ser dårligt og skal bruge skærmlæser og stor skrift."),
            (
                "ADHD",
                "Jeg er god til at arbejde med hænderne, men har svært ved at holde "
                "fokus ved skrivebordet.",
            ),
            ("Autisme", "Jeg er grundig, men jobsamtaler og small talk er rigtig svære for mig."),
            ("Sclerose", "Med sclerosen har jeg gode og dårlige dage, og jeg bliver hurtigt træt."),
        ],
    },
    IR: {
        "mental_health": [
            (
                "افسردگی",
                "چند سال است افسردگی دارم. بعضی روزها حتی بیرون رفتن از خانه برایم سخت است.",
            ),
            ("اضطراب", "وقتی بین جمع هستم اضطراب می‌گیرم و دستم می‌لرزد."),
            (
                "اختلال دوقطبی",
                "وقتی حالم خوب است خوب کار می‌کنم، اما در دوره‌های افت نمی‌توانم کار را نگه دارم.",
            ),
        ],
        "health": [
            (
                "کمردرد مزمن",
                "کمرم درد مزمن دارد و نمی‌توانم مدت زیادی سر پا بایستم یا بار سنگین بلند کنم.",
            ),
            ("دیابت نوع ۲", "از وقتی دیابتم بیشتر شده، عصرها خیلی خسته می‌شوم."),
            ("آرتروز زانو", "زانوهایم درد می‌کند و نمی‌توانم تمام روز سر پا باشم."),
            ("میگرن", "وقتی میگرنم شروع می‌شود، یکی دو روز نمی‌توانم کاری بکنم."),
        ],
        "disability": [
            (
                "معلولیت جسمی-حرکتی",
                "پایم در تصادف آسیب دیده و با عصا راه می‌روم. خیلی از کارگاه‌ها پله دارند.",
            ),
            ("آسیب نخاعی", "با ویلچر رفت‌وآمد می‌کنم و محل کار باید برایم قابل دسترس باشد."),
            (
                "ناشنوایی",
                "ناشنوا هستم و با زبان اشاره حرف می‌زنم. کارفرماها نمی‌دانند چطور با من کار کنند.",
            ),
            ("کم‌بینایی", "بینایی‌ام ضعیف است ولی با کامپیوتر و نرم‌افزار صفحه‌خوان کار می‌کنم."),
            ("کم‌توانی ذهنی خفیف", "کار را وقتی کسی نشانم بدهد خوب یاد می‌گیرم."),
            ("فلج مغزی", "دست راستم کمتر کار می‌کند ولی با دست چپ کارهای ظریف را انجام می‌دهم."),
        ],
    },
}

# What case-team members write. Social notes are keyed by the barrier they deal with ("any"
# for the rest), health notes by the kind of condition.
NOTES = {
    GB: {
        "general": [
            "First meeting with {name} at the surgery. Talked about the work {name} has enjoyed "
            "before and what a good job would look like now. Agreed to meet weekly.",
            "Vocational profile done with {name}: strengths are reliability and people skills. "
            "Looking at retail, care and admin roles, 16-24 hours.",
            "Booked {name} onto VR interview practice next Tuesday. Nervous but willing to give "
            "it a go.",
            "{name} went to the confidence workshop and said it helped more than expected. Wants "
            "to do the follow-up session.",
            "Updated the CV with {name} and set up an email address for applications.",
            "Rang the manager at a local garden centre about a seasonal role for {name}. Happy to "
            "meet informally next week.",
            "Applied for funding for the SMSTS site-management safety course for {name}; quote "
            "from the training provider attached to the request.",
            "Referred {name} to the library's free computer-skills course, Thursdays 10-12.",
            "Went through affordable childcare with {name}: checked the 30 hours free childcare "
            "and the UC childcare element.",
            "{name} had an interview at the distribution centre on Monday. Went well; waiting to "
            "hear back.",
            "Did not attend today. Texted {name}, who replied that it had been a bad week. "
            "Rebooked for Friday.",
            "{name} started a trial shift at the cafe. Will check in by phone after the first "
            "week.",
            "Reviewed progress with {name}: two applications sent, one interview. Next step: a "
            "mock interview.",
        ],
        "social": {
            "housing": [
                "Home visit with {name}. Housing is unstable; supporting an application to the "
                "council housing register.",
            ],
            "debt": [
                "{name} told me about rent arrears and money worries. Referred to Citizens "
                "Advice for debt advice.",
            ],
            "social": [
                "Contact with ex-partner is causing a lot of stress for {name}; signposted to "
                "family mediation. No safeguarding concerns today.",
            ],
            "caring": [
                "Talked about {name}'s caring for mum; asked the council for a carer's assessment.",
            ],
            "substance_use": [
                "{name} is still going to the recovery group twice a week and says it helps. "
                "Agreed to keep the job search away from pubs and bars.",
            ],
            "any": [
                "Met {name} with the family support worker. Things at home are settled for now; "
                "no concerns raised.",
                "Helped {name} apply for the Household Support Fund for the winter fuel bills.",
            ],
        },
        "health": {
            "mental_health": [
                "Reviewed {name} in clinic. Mood better since the medication change; PHQ-9 down "
                "from 18 to 11. Supportive of starting part-time work.",
                "Talked with {name} about managing anxiety at work; agreed to practise grounding "
                "techniques before the interview. Review in four weeks.",
                "{name} sleeping worse since the job offer; talked through routine and "
                "medication timing. No risk concerns.",
            ],
            "health": [
                "Pain stable with physiotherapy. Avoid repetitive heavy lifting; fine for work "
                "that mixes sitting and standing.",
                "Fit note updated: {name} may be fit for work with a phased return and amended "
                "duties.",
            ],
            "disability": [
                "Went through reasonable adjustments {name} may ask for: Access to Work "
                "assessment requested.",
                "Letter for the employer drafted with {name} explaining the adjustments needed "
                "at interview.",
            ],
        },
    },
    DK: {
        "general": [
            "Første samtale med {name} i jobcentret. Vi talte om tidligere job, og hvad {name} "
            "selv ønsker. Aftalt ugentlige samtaler.",
            "Sagen gennemgået i det tværfaglige team. Konkret plan: praktik, social mentor og "
            "udredning af helbredsmæssige barrierer.",
            "{name} er startet i praktik i en genbrugsbutik, 12 timer om ugen. Første uge gik "
            "godt.",
            "Pejlemærker aftalt med {name}: 1) stabilt fremmøde i praktikken, 2) op på 20 timer, "
            "3) søge ordinære timer.",
            "Kontakt til et tømrerfirma om praktikplads. De vil gerne møde {name} til en "
            "uformel snak.",
            "{name} udeblev fra samtalen i dag. Har ringet og aftalt ny tid på fredag.",
            "Opfølgning: {name} er glad for praktikken, men træt om eftermiddagen. Vi holder "
            "timetallet en måned mere.",
            "Social mentor tilknyttet fra næste uge. {name} ønsker hjælp til at strukturere "
            "hverdagen.",
            "CV lavet sammen med {name}, og der er sendt to ansøgninger.",
        ],
        "social": {
            "housing": [
                "Botilbud bevilget; {name} flytter ind næste måned. Det giver ro til at "
                "fokusere på praktikken.",
            ],
            "debt": [
                "{name} har gæld til Skattestyrelsen og boligselskabet. Henvist til "
                "gældsrådgivning.",
            ],
            "social": [
                "Samtale med {name} om familiens situation. Barnet mistrives i skolen; aftalt "
                "møde med skolen.",
            ],
            "substance_use": [
                "{name} har ikke brugt rusmidler i tre måneder og kommer stabilt til behandling.",
            ],
            "caring": [
                "Talt med {name} om aflastning til moren, så der bliver tid til praktikken.",
            ],
            "any": [
                "Opfølgende samtale med {name}. Hverdagen fungerer bedre med den sociale mentor.",
                "{name} har fået hjælp til at søge boligstøtte.",
            ],
        },
        "health": {
            "mental_health": [
                "Helbredsmæssige barrierer udredt. Angsten er den primære barriere; anbefaler "
                "gradvis optrapning og faste rammer på arbejdspladsen.",
                "Samtale om søvn og energi. {name} følger behandlingen hos egen læge.",
            ],
            "health": [
                "Arbejdsmedicinsk vurdering: {name} kan varetage lettere fysisk arbejde, "
                "skiftevis siddende og stående. Undgå løft over 10 kg.",
                "Opfølgning: {name} tåler nu 15 timer om ugen uden flere smerter. Kan øges til 20.",
                "Samtale om smerter. Henvist til fysioterapi via egen læge.",
            ],
            "disability": [
                "Skånehensyn beskrevet: {name} har brug for rolige omgivelser og skriftlige "
                "aftaler.",
                "Hjælpemidler til arbejdspladsen drøftet; ansøgning sendes sammen med "
                "praktikaftalen.",
            ],
        },
    },
    IR: {
        "general": [
            "جلسه اول با {name} در مرکز برگزار شد. درباره کارهای قبلی و علاقه‌هایش صحبت کردیم و "
            "قرار شد هر هفته همدیگر را ببینیم.",
            "مرحله ارزیابی حرفه‌ای انجام شد: {name} در خیاطی و کارهای دستی توانایی خوبی دارد.",
            "با یک کارگاه بسته‌بندی در شهرک صنعتی توس تماس گرفتم. مدیر کارگاه حاضر است {name} "
            "را برای مصاحبه ببیند.",
            "{name} از شنبه در کارگاه مشغول شد. هفته اول دو بار در محل کار حاضر شدم و با "
            "سرپرست صحبت کردم.",
            "طرح کسب‌وکار {name} برای دریافت تسهیلات اشتغالزایی به اداره بهزیستی ارسال شد.",
            "درخواست بیمه سهم کارفرما برای محل کار {name} تکمیل و ارسال شد.",
            "پیگیری ماهانه: {name} از کارش راضی است و کارفرما هم رضایت دارد.",
            "{name} امروز نیامد. تماس گرفتم؛ گفت حالش خوب نبوده. جلسه به هفته بعد موکول شد.",
            "{name} در دوره آموزش مهارت‌های شغلی مرکز ثبت‌نام کرد.",
        ],
        "social": {
            "housing": [
                "{name} نگران اجاره‌خانه است؛ برای کمک‌هزینه مسکن به واحد مددکاری معرفی شد.",
            ],
            "social": [
                "بازدید از منزل {name} انجام شد. خانواده از کار کردن او حمایت می‌کنند.",
            ],
            "transport": [
                "با خانواده {name} درباره رفت‌وآمد صحبت شد؛ قرار شد هفته‌های اول همراهی‌اش کنند.",
            ],
            "any": [
                "با {name} درباره برنامه هفتگی و تقسیم کارهای خانه صحبت شد.",
                "برای {name} درخواست کمک‌هزینه رفت‌وآمد به محل کار ثبت شد.",
            ],
        },
        "health": {
            "mental_health": [
                "خلق {name} بهتر شده و داروها را منظم مصرف می‌کند. مانعی برای ادامه کار نیست.",
            ],
            "health": [
                "ارزیابی توانبخشی: {name} برای کار نشسته با استراحت کوتاه هر دو ساعت مناسب است.",
            ],
            "disability": [
                "ارزیابی توانبخشی: {name} برای کار نشسته با استراحت کوتاه هر دو ساعت مناسب است.",
                "توصیه شد صندلی مناسب تهیه و ارتفاع میز کار {name} در کارگاه اصلاح شود.",
                "برای {name} وسیله کمکی مناسب در محل کار پیشنهاد و به کارفرما توضیح داده شد.",
            ],
        },
    },
}

# Extra general notes for Ballerup, where every citizen is offered health conversations.
BALLERUP_GENERAL_NOTES = [
    "Første sundhedssamtale gennemført. {name} har afklaret egne ønsker: arbejde udendørs "
    "eller med dyr.",
    "Forløbet tilrettelagt efter {name}s egne behov og ressourcer: motion, kostvejledning og "
    "et virksomhedsrettet tilbud sideløbende.",
]

DECLINE_REASONS = {
    GB: [
        "Lives outside our area; signposted to the Connect to Work provider for their postcode.",
        "In secure work and not at risk; signposted to the National Careers Service.",
        "Told us on the phone they do not want support at the moment. Happy to take a new "
        "referral later.",
        "Duplicate of a referral received last week from the same practice.",
    ],
    DK: [
        "Borgeren er ikke i målgruppen (matchgruppe 1). Henvist til almindelig jobformidling.",
        "Borgeren bor i en anden kommune.",
        "Borgeren ønsker ikke at deltage på nuværende tidspunkt.",
    ],
    IR: [
        "متقاضی ساکن شهرستان دیگری است؛ به اداره بهزیستی همان شهرستان معرفی شد.",
        "متقاضی در حال حاضر شاغل است و به خدمات نیاز ندارد.",
        "ظرفیت مرکز تکمیل است؛ متقاضی در فهرست انتظار قرار گرفت.",
    ],
}

WITHDRAW_REASONS = {
    GB: [
        "Found work before the first appointment.",
        "Moved out of the area.",
        "Referred in error: wrong patient selected.",
    ],
    DK: ["Borgeren er flyttet.", "Borgeren har selv fundet arbejde."],
    IR: ["متقاضی خودش کار پیدا کرد.", "متقاضی به شهر دیگری نقل مکان کرد."],
}

CONSENT_GIVEN_NOTES = {
    GB: ["Signed consent form scanned to the record.", "Talked through on the phone.", ""],
    DK: ["Samtykkeerklæring underskrevet.", "Givet mundtligt ved første samtale.", ""],
    IR: ["فرم رضایت امضا شد.", "رضایت شفاهی در جلسه اول گرفته شد.", ""],
}
HEALTH_SHARING_WITHDRAWN_NOTES = {
    GB: "Asked that the GP and mental-health team no longer see health notes.",
    DK: "Borgeren ønsker ikke længere, at helbredsoplysninger deles i teamet.",
    IR: "مددجو خواست اطلاعات سلامتش دیگر با تیم به اشتراک گذاشته نشود.",
}

# Why a specialist paused someone's support for a while.
PAUSE_NOTES = {
    GB: [
        "Paused at {name}'s request while in hospital for planned surgery. Will pick up again "
        "in about six weeks.",
        "Paused for now: {name} is caring full-time for a parent who has just come out of "
        "hospital. Agreed to ring every fortnight.",
    ],
    DK: [
        "Forløbet sat på pause under {name}s sygeforløb. Genoptages efter operationen.",
        "Pause efter aftale med {name}, der skal have styr på boligsituationen først.",
    ],
    IR: [
        "پرونده به درخواست {name} به دلیل جراحی موقتاً متوقف شد.",
        "به دلیل بیماری یکی از اعضای خانواده، همکاری با {name} چند هفته متوقف شد.",
    ],
}
BALLERUP_REASON_PREFIX = (
    "Henvist til sundhedssamtaler for at afklare egne behov, ressourcer og ønsker. "
)
