# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""Official statements: a long letter republished in full, under Politics.

This is the story the product was specified from — an official letter, quoted at
length, with its date, salutation and signature. Each letter draws one paragraph
from each group below, so two letters rarely read the same.
"""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

_LETTER_SENDERS = [
    {
        "en": "Council of Regional Municipalities",
        "az": "Regional Bələdiyyələr Şurası",
        "az_gen": "Regional Bələdiyyələr Şurasının",
        "ru": "Совет региональных муниципалитетов",
        "ru_gen": "Совета региональных муниципалитетов",
    },
    {
        "en": "National Association of Librarians",
        "az": "Milli Kitabxanaçılar Assosiasiyası",
        "az_gen": "Milli Kitabxanaçılar Assosiasiyasının",
        "ru": "Национальная ассоциация библиотекарей",
        "ru_gen": "Национальной ассоциации библиотекарей",
    },
    {
        "en": "Union of Water Utilities",
        "az": "Su Təchizatı Müəssisələri İttifaqı",
        "az_gen": "Su Təchizatı Müəssisələri İttifaqının",
        "ru": "Союз предприятий водоснабжения",
        "ru_gen": "Союза предприятий водоснабжения",
    },
    {
        "en": "Chamber of Small Producers",
        "az": "Kiçik İstehsalçılar Palatası",
        "az_gen": "Kiçik İstehsalçılar Palatasının",
        "ru": "Палата малых производителей",
        "ru_gen": "Палаты малых производителей",
    },
]

_LETTER_FORUMS = [
    {
        "en": "Coastal Cities Forum",
        "az": "Sahil Şəhərləri Forumu",
        "az_gen": "Sahil Şəhərləri Forumunun",
        "ru": "Форум прибрежных городов",
        "ru_gen": "Форума прибрежных городов",
    },
    {
        "en": "Regional Water Week",
        "az": "Regional Su Həftəsi",
        "az_gen": "Regional Su Həftəsinin",
        "ru": "Региональная неделя воды",
        "ru_gen": "Региональной недели воды",
    },
    {
        "en": "Forum on Rural Development",
        "az": "Kənd İnkişafı Forumu",
        "az_gen": "Kənd İnkişafı Forumunun",
        "ru": "Форум по развитию села",
        "ru_gen": "Форума по развитию села",
    },
    {
        "en": "Conference of Municipal Archivists",
        "az": "Bələdiyyə Arxivçiləri Konfransı",
        "az_gen": "Bələdiyyə Arxivçiləri Konfransının",
        "ru": "Конференция муниципальных архивистов",
        "ru_gen": "Конференции муниципальных архивистов",
    },
]

# The middle of the letter: one paragraph from each group, so letters differ.
_LETTER_COOPERATION = [
    {
        "en": "Our members have learned over many years that no town can solve its problems "
        "alone. The exchange of experience between municipalities, large and small, has given us "
        "solutions that are cheaper, faster and easier to maintain than anything we could have "
        "designed in isolation.",
        "az": "Üzvlərimiz uzun illər ərzində öyrəniblər ki, heç bir şəhər öz problemlərini "
        "təkbaşına həll edə bilməz. Böyük və kiçik bələdiyyələr arasında təcrübə mübadiləsi bizə "
        "təkbaşına hazırlaya biləcəyimiz hər şeydən daha ucuz, daha sürətli və saxlanılması daha "
        "asan həllər verib.",
        "ru": "За многие годы наши члены убедились, что ни один город не может решить свои "
        "проблемы в одиночку. Обмен опытом между большими и малыми муниципалитетами дал нам "
        "решения дешевле, быстрее и проще в обслуживании, чем всё, что мы могли бы придумать "
        "сами.",
    },
    {
        "en": "Cooperation is not a slogan for us. It is a timetable of joint visits, a shared "
        "library of technical documents and a telephone number that a colleague in another region "
        "can call when something goes wrong at night.",
        "az": "Əməkdaşlıq bizim üçün şüar deyil. Bu, birgə səfərlərin cədvəli, texniki "
        "sənədlərin ümumi kitabxanası və gecə vaxtı nəsə səhv gedəndə başqa bölgədəki həmkarın "
        "zəng edə biləcəyi telefon nömrəsidir.",
        "ru": "Сотрудничество для нас — не лозунг. Это график совместных визитов, общая "
        "библиотека технических документов и номер телефона, по которому коллега из другого "
        "региона может позвонить, если ночью что-то пошло не так.",
    },
]
_LETTER_INFRASTRUCTURE = [
    {
        "en": "The questions before you are concrete. How do we keep water clean and "
        "affordable? How do we repair old networks without closing whole districts for months? "
        "How do we plan for summers that are hotter and drier than the ones our predecessors "
        "knew?",
        "az": "Qarşınızda duran suallar konkretdir. Suyu necə təmiz və əlçatan saxlayaq? Köhnə "
        "şəbəkələri bütöv məhəllələri aylarla bağlamadan necə təmir edək? Sələflərimizin "
        "tanıdığından daha isti və quraq yaylara necə hazırlaşaq?",
        "ru": "Вопросы, стоящие перед вами, конкретны. Как сохранить воду чистой и доступной? "
        "Как ремонтировать старые сети, не закрывая целые кварталы на месяцы? Как готовиться к "
        "более жаркому и засушливому лету, чем то, которое знали наши предшественники?",
    },
    {
        "en": "Much of the infrastructure we rely on was built for a different population and a "
        "different climate. Renewing it is expensive, but postponing the work is more expensive "
        "still, and the bill always arrives at the least convenient moment.",
        "az": "Güvəndiyimiz infrastrukturun böyük hissəsi başqa əhali sayı və başqa iqlim üçün "
        "tikilib. Onu yeniləmək bahadır, lakin işi təxirə salmaq daha bahadır və hesab həmişə ən "
        "əlverişsiz anda gəlir.",
        "ru": "Значительная часть инфраструктуры, на которую мы опираемся, строилась для другого "
        "населения и другого климата. Её обновление стоит дорого, но откладывать работы ещё "
        "дороже, и счёт всегда приходит в самый неподходящий момент.",
    },
]
_LETTER_PEOPLE = [
    {
        "en": "I would also ask you to think about the people who will carry this work forward. "
        "Young engineers, planners and librarians need places to learn and reasons to stay in "
        "their home towns. Every programme we design should leave behind skills, not only "
        "buildings.",
        "az": "Sizdən bu işi davam etdirəcək insanlar barədə də düşünməyinizi xahiş edirəm. Gənc "
        "mühəndislərin, planlaşdırıcıların və kitabxanaçıların öyrənmək üçün yerə və doğma "
        "şəhərlərində qalmaq üçün səbəbə ehtiyacı var. Hazırladığımız hər proqram geridə təkcə "
        "binalar deyil, bacarıqlar da qoymalıdır.",
        "ru": "Прошу вас также подумать о людях, которые продолжат эту работу. Молодым "
        "инженерам, планировщикам и библиотекарям нужны места, где можно учиться, и причины "
        "оставаться в родных городах. Каждая наша программа должна оставлять после себя не "
        "только здания, но и навыки.",
    },
    {
        "en": "Residents are our partners, not our audience. The best projects we have seen "
        "began with a public meeting in a school hall, where people explained in their own words "
        "what they needed.",
        "az": "Sakinlər bizim tamaşaçılarımız deyil, tərəfdaşlarımızdır. Gördüyümüz ən yaxşı "
        "layihələr məktəb zalında keçirilən ictimai görüşlə başlayıb; orada insanlar nəyə ehtiyac "
        "duyduqlarını öz sözləri ilə izah ediblər.",
        "ru": "Жители — наши партнёры, а не зрители. Лучшие проекты, которые мы видели, "
        "начинались с открытого собрания в школьном зале, где люди своими словами объясняли, что "
        "им нужно.",
    },
]
_LETTER_OPENNESS = [
    {
        "en": "Finally, I believe that openness is the cheapest tool we have. Publishing "
        "budgets, timetables and results in plain language builds trust, and trust makes every "
        "future project easier to agree and to deliver.",
        "az": "Nəhayət, hesab edirəm ki, açıqlıq əlimizdə olan ən ucuz vasitədir. Büdcələrin, "
        "cədvəllərin və nəticələrin sadə dildə dərc edilməsi etimad yaradır, etimad isə hər "
        "gələcək layihənin razılaşdırılmasını və həyata keçirilməsini asanlaşdırır.",
        "ru": "Наконец, я считаю, что открытость — самый дешёвый из имеющихся у нас "
        "инструментов. Публикация бюджетов, графиков и результатов простым языком укрепляет "
        "доверие, а доверие облегчает согласование и реализацию каждого следующего проекта.",
    },
    {
        "en": "Let us measure what we do and say honestly where we have fallen short. A report "
        "that admits a delay is worth more than one that hides it, because it lets the next team "
        "plan better.",
        "az": "Gəlin gördüyümüz işi ölçək və harada geri qaldığımızı dürüst deyək. Gecikməni "
        "etiraf edən hesabat onu gizlədən hesabatdan daha dəyərlidir, çünki növbəti komandaya "
        "daha yaxşı planlaşdırmağa imkan verir.",
        "ru": "Давайте измерять то, что мы делаем, и честно говорить, где мы не справились. "
        "Отчёт, признающий задержку, ценнее отчёта, который её скрывает, потому что он позволяет "
        "следующей команде лучше планировать.",
    },
]

OFFICIAL_LETTER = story(
    "politics",
    Genre.OFFICIAL_STATEMENT,
    weight=3,
    pools={
        "org": _LETTER_SENDERS,
        "forum": _LETTER_FORUMS,
        "letter_a": _LETTER_COOPERATION,
        "letter_b": _LETTER_INFRASTRUCTURE,
        "letter_c": _LETTER_PEOPLE,
        "letter_d": _LETTER_OPENNESS,
    },
    en=text(
        "Chair of the {org} addresses letter to participants of the {forum}",
        "{p1}, chair of the {org}, has sent a letter to participants of the {forum}, which opens "
        "in {town} this week. Dateline publishes the full text.",
        [
            "The letter, dated {letter_date}, was made public by the {org}’s press office "
            "{weekday}.",
            "## The full text of the letter",
            "> Dear participants of the {forum},",
            "> On behalf of the {org}, I welcome you to {town} and thank the organisers for "
            "bringing together so many people who work every day on questions that matter to our "
            "cities and villages.",
            "> {letter_a}",
            "> {letter_b}",
            "> {letter_c}",
            "> {letter_d}",
            "> I am confident that your discussions in {town} will produce practical "
            "recommendations, and that we will meet again next year to measure what has been "
            "done.",
            "> I wish you fruitful work.",
            "> Respectfully,<br>{p1}<br>Chair, {org}",
            "The {forum} runs until the end of the week and brings together about {n2} delegates "
            "from municipalities, universities and civic groups. The programme is available on "
            "the " + LINK + "organisers’ website</a>.",
        ],
    ),
    az=text(
        "{org_gen} sədri {forum_gen} iştirakçılarına məktub ünvanlayıb",
        "{org_gen} sədri {p1} bu həftə {town} şəhərində açılan {forum_gen} iştirakçılarına "
        "məktub ünvanlayıb. Dateline məktubun tam mətnini təqdim edir.",
        [
            "{letter_date} tarixli məktub {weekday} {org_gen} mətbuat xidməti tərəfindən yayılıb.",
            "## Məktubun tam mətni",
            "> Hörmətli {forum_gen} iştirakçıları!",
            "> {org_gen} adından sizi {town} şəhərində salamlayır, şəhər və kəndlərimiz üçün "
            "vacib olan məsələlər üzərində hər gün çalışan bu qədər insanı bir araya "
            "gətirdiklərinə görə təşkilatçılara təşəkkür edirəm.",
            "> {letter_a}",
            "> {letter_b}",
            "> {letter_c}",
            "> {letter_d}",
            "> Əminəm ki, {town} şəhərindəki müzakirələriniz praktik tövsiyələrlə nəticələnəcək "
            "və gələn il görülən işləri dəyərləndirmək üçün yenidən görüşəcəyik.",
            "> Sizə səmərəli iş arzulayıram.",
            "> Hörmətlə,<br>{p1}<br>{org_gen} sədri",
            "Forum həftənin sonunadək davam edəcək və bələdiyyələrdən, universitetlərdən və "
            "vətəndaş cəmiyyəti qruplarından təxminən {n2} nümayəndəni bir araya gətirir. "
            "Proqramla " + LINK + "təşkilatçıların saytında</a> tanış olmaq olar.",
        ],
    ),
    ru=text(
        "Председатель {org_gen} обратился с письмом к участникам {forum_gen}",
        "{p1}, председатель {org_gen}, направил{p1_v} письмо участникам {forum_gen}. Мероприятие "
        "открывается на этой неделе в городе {town}. Dateline публикует полный текст.",
        [
            "Письмо, датированное {letter_date}, {weekday} распространила пресс-служба {org_gen}.",
            "## Полный текст письма",
            "> Уважаемые участники {forum_gen}!",
            "> От имени {org_gen} приветствую вас в городе {town} и благодарю организаторов за "
            "то, что они собрали вместе так много людей, которые каждый день работают над "
            "вопросами, важными для наших городов и сёл.",
            "> {letter_a}",
            "> {letter_b}",
            "> {letter_c}",
            "> {letter_d}",
            "> Уверен{p1_v}, что ваши обсуждения в городе {town} приведут к практическим "
            "рекомендациям и что в следующем году мы встретимся снова, чтобы оценить сделанное.",
            "> Желаю вам плодотворной работы.",
            "> С уважением,<br>{p1}<br>председатель {org_gen}",
            "Мероприятие продлится до конца недели и собирает около {n2} делегатов от "
            "муниципалитетов, университетов и гражданских организаций. С программой можно "
            "ознакомиться на " + LINK + "сайте организаторов</a>.",
        ],
    ),
)

STORIES = (OFFICIAL_LETTER,)
