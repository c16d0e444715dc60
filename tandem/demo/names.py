"""Names for synthetic people, in each country's own style and script.

Lists are deliberately long enough that a few hundred people rarely share a full name.
"""

# United Kingdom: British names of every background found in the programme areas.
UK_GIVEN_FEMALE = [
    "Sarah", "Emma", "Laura", "Rachel", "Gemma", "Claire", "Nicola", "Lisa", "Joanne", "Kelly",
    "Amy", "Sophie", "Chloe", "Hannah", "Jade", "Leanne", "Karen", "Donna", "Stacey", "Natalie",
    "Megan", "Bethany", "Aisha", "Priya", "Grace", "Olivia", "Zoe", "Kirsty", "Hayley", "Amira",
    "Shannon", "Tracey", "Michelle", "Abigail", "Lauren", "Rebecca", "Jennifer", "Danielle",
    "Ellie", "Nadia",
]  # fmt: skip
UK_GIVEN_MALE = [
    "James", "David", "Michael", "Paul", "Mark", "Daniel", "Craig", "Lee", "Steven", "Gary",
    "Andrew", "Christopher", "Jamie", "Ryan", "Liam", "Connor", "Kieran", "Darren", "Wayne",
    "Scott", "Adam", "Mohammed", "Imran", "Ravi", "Tariq", "Kwame", "Tom", "Ben", "Callum",
    "Nathan", "Shaun", "Dean", "Stuart", "Ian", "Jordan", "Aaron", "Reece", "Matthew", "Owen",
    "Samuel",
]  # fmt: skip
UK_FAMILY = [
    "Smith", "Jones", "Taylor", "Brown", "Wilson", "Robson", "Armstrong", "Charlton", "Milburn",
    "Dodds", "Hall", "Thompson", "Walker", "Wright", "Robinson", "White", "Harrison", "Atkinson",
    "Bell", "Graham", "Scott", "Hughes", "Clarke", "Patel", "Khan", "Ahmed", "Hussain",
    "Okafor", "Mensah", "Campbell", "Murray", "Kelly", "O'Neill", "Wood", "Turner", "Cooper",
    "Ward", "Jackson", "Lewis", "Baker", "Shaw", "Marshall", "Fletcher", "Lowe", "Chapman",
    "Reid", "Stewart", "Young", "Pearson", "Hodgson", "Nixon", "Forster", "Carr", "Henderson",
    "Richardson", "Evans", "Price", "Morgan", "Ali",
]  # fmt: skip
# People who settled in the UK from Poland: a common group on the programme caseloads.
UK_POLISH_FEMALE = ["Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa"]
UK_POLISH_MALE = ["Tomasz", "Piotr", "Marek", "Paweł", "Krzysztof"]
UK_POLISH_FAMILY_FEMALE = ["Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kamińska"]
UK_POLISH_FAMILY_MALE = ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński"]

# Denmark.
DK_GIVEN_FEMALE = [
    "Mette", "Anne", "Camilla", "Louise", "Maria", "Pernille", "Tina", "Susanne", "Helle",
    "Sofie", "Julie", "Line", "Katrine", "Charlotte", "Lone", "Rikke", "Trine", "Heidi",
    "Malene", "Stine", "Emma", "Ida", "Laura", "Signe", "Birgitte", "Dorthe", "Janne",
]  # fmt: skip
DK_GIVEN_MALE = [
    "Lars", "Jens", "Søren", "Henrik", "Thomas", "Michael", "Peter", "Morten", "Martin",
    "Anders", "Rasmus", "Jesper", "Kasper", "Mads", "Jonas", "Nikolaj", "Frederik", "Christian",
    "Kim", "Brian", "Jan", "Bo", "Torben", "Mikkel", "Jacob", "Ole", "René",
]  # fmt: skip
DK_FAMILY = [
    "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen",
    "Johansen", "Møller", "Mortensen", "Knudsen", "Frederiksen", "Holm", "Lund", "Schmidt",
    "Eriksen", "Bech", "Dahl", "Jakobsen", "Berg", "Vestergaard",
]  # fmt: skip
DK_MIDDLE = ["Kjær", "Holm", "Bach", "Dam", "Lund", "Krogh", "Friis", "Skov", "Bøgh", "Juhl"]
# Citizens with another mother tongue, with the language as a Danish caseworker writes it.
DK_IMMIGRANT = [
    # (given names female, given names male, family names, language)
    (
        ["Fatima", "Amina", "Leila", "Yasmin", "Nour", "Mariam"],
        ["Ahmed", "Mohammad", "Hassan", "Omar", "Khaled", "Yousef"],
        ["Mahmoud", "Omar", "Hassan", "Saleh", "Khalil", "Haddad"],
        "Arabisk",
    ),
    (
        ["Zeynep", "Ayşe", "Elif", "Emine", "Fatma"],
        ["Mehmet", "Mustafa", "Hüseyin", "Murat", "Emre"],
        ["Yilmaz", "Demir", "Kaya", "Çelik", "Şahin", "Öztürk"],
        "Tyrkisk",
    ),
    (
        ["Hodan", "Fartun", "Amran", "Sahra", "Ifrah"],
        ["Abdi", "Abdirahman", "Mohamed", "Yusuf", "Ahmed"],
        ["Abdullahi", "Warsame", "Farah", "Hussein", "Jama", "Mohamud"],
        "Somali",
    ),
]

# Iran, in Persian script.
IR_GIVEN_FEMALE = [
    "فاطمه", "زهرا", "مریم", "معصومه", "زینب", "سمیه", "نرگس", "لیلا", "الهام", "اکرم",
    "طاهره", "مهسا", "نازنین", "ریحانه", "فرزانه", "صدیقه", "راضیه", "آزاده", "هانیه", "شیما",
    "مرضیه", "سارا",
]  # fmt: skip
IR_GIVEN_MALE = [
    "محمد", "علی", "حسین", "رضا", "مهدی", "امیر", "حسن", "جواد", "سعید", "مجید", "محسن",
    "حمید", "مصطفی", "احمد", "عباس", "یوسف", "مرتضی", "سجاد", "امین", "میلاد", "ابوالفضل",
    "محمدرضا", "علیرضا", "حامد",
]  # fmt: skip
IR_FAMILY = [
    "محمدی", "حسینی", "رضایی", "احمدی", "کریمی", "موسوی", "جعفری", "قاسمی", "رحیمی", "صادقی",
    "عباسی", "نوروزی", "یزدانی", "فرهادی", "طوسی", "نیشابوری", "سبزواری", "قوچانی", "مشهدی",
    "خراسانی", "رضوی", "حیدری", "اکبری", "کاظمی", "نجفی", "شریفی", "ابراهیمی", "باقری",
    "زارعی", "سلطانی",
]  # fmt: skip
# Afghan families in Mashhad: many have no Iranian national code.
IR_AFGHAN_FEMALE = ["شکریه", "فرشته", "گل‌بی‌بی"]
IR_AFGHAN_MALE = ["عبدالله", "گل‌احمد", "نورالله"]
IR_AFGHAN_FAMILY = ["احمدی", "نوری", "سروری", "رحمانی"]
