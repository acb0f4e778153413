# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""Culture: festivals, a book review and a theatre season — every title invented."""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

TITLES = [
    {"en": "The Salt Road", "az": "Duz yolu", "ru": "«Соляная дорога»"},
    {"en": "Letters from the Harbour", "az": "Limandan məktublar", "ru": "«Письма из гавани»"},
    {"en": "The Last Tram", "az": "Son tramvay", "ru": "«Последний трамвай»"},
    {"en": "Seven Windows", "az": "Yeddi pəncərə", "ru": "«Семь окон»"},
    {"en": "A House by the River", "az": "Çay kənarında ev", "ru": "«Дом у реки»"},
    {"en": "Winter Orchard", "az": "Qış bağı", "ru": "«Зимний сад»"},
    {"en": "The Quiet Street", "az": "Sakit küçə", "ru": "«Тихая улица»"},
]

FESTIVAL_OPENS = story(
    "culture",
    Genre.NEWS,
    weight=4,
    pools={
        "fest": [
            {"en": "Autumn Film Days", "az": "Payız Kino Günləri", "ru": "«Осенние дни кино»"},
            {"en": "Folk Music", "az": "Xalq Musiqisi", "ru": "«Народная музыка»"},
            {"en": "Young Theatre", "az": "Gənc Teatr", "ru": "«Молодой театр»"},
            {"en": "Open Books", "az": "Açıq Kitablar", "ru": "«Открытые книги»"},
            {"en": "Courtyard Jazz", "az": "Həyətdə Caz", "ru": "«Джаз во дворе»"},
        ],
        "title": TITLES,
    },
    en=text(
        "{fest} festival opens in {town} with {n2} events",
        "The {fest} festival opened in {town} {weekday}, with {n2} events over {n1} days in "
        "theatres, courtyards and parks.",
        [
            "The programme brings together artists from several countries and dozens of local "
            "groups, from school choirs to a veterans’ brass band.",
            "> “We wanted to reach people who never buy a ticket, so half of the events are free "
            "and outdoors,” said the festival director, {p1}.",
            "## Highlights",
            "Among the most anticipated events is the premiere of “{title}”, a new work by {p2}. "
            "Tickets and the full schedule are on the " + LINK + "festival website</a>.",
            "Organisers expect about {n3} visitors. Some streets in the old town will be closed "
            "to traffic in the evenings.",
        ],
    ),
    az=text(
        "{town} şəhərində “{fest}” festivalı {n2} tədbirlə açılıb",
        "“{fest}” festivalı {weekday} {town} şəhərində açılıb. {n1} gün ərzində teatrlarda, "
        "həyətlərdə və parklarda {n2} tədbir keçiriləcək.",
        [
            "Proqram bir neçə ölkədən gələn sənətçiləri və məktəb xorlarından veteranların nəfəs "
            "orkestrinə qədər onlarla yerli kollektivi bir araya gətirir.",
            "> “Heç vaxt bilet almayan insanlara çatmaq istədik, ona görə də tədbirlərin yarısı "
            "pulsuzdur və açıq havada keçirilir”, — deyə festivalın direktoru {p1} bildirib.",
            "## Diqqətəlayiq tədbirlər",
            "Ən çox gözlənilən tədbirlərdən biri {p2} tərəfindən hazırlanmış “{title}” yeni "
            "əsərinin premyerasıdır. Biletlər və tam proqram " + LINK + "festivalın "
            "saytındadır</a>.",
            "Təşkilatçılar təxminən {n3} qonaq gözləyirlər. Axşamlar köhnə şəhərin bəzi "
            "küçələrində nəqliyyatın hərəkəti dayandırılacaq.",
        ],
    ),
    ru=text(
        "В городе {town} открылся фестиваль {fest}: {n2} событий",
        "Фестиваль {fest} {weekday} открылся в городе {town}. За {n1} дней в театрах, дворах и "
        "парках пройдут {n2} событий.",
        [
            "Программа объединяет артистов из нескольких стран и десятки местных коллективов — "
            "от школьных хоров до духового оркестра ветеранов.",
            "> «Мы хотели дойти до людей, которые никогда не покупают билетов, поэтому половина "
            "событий бесплатна и проходит под открытым небом», — сказал{p1_v} директор фестиваля "
            "{p1}.",
            "## Главные события",
            "Одно из самых ожидаемых событий — премьера новой работы {title}, автор — {p2}. "
            "Билеты и полная программа — на " + LINK + "сайте фестиваля</a>.",
            "Организаторы ожидают около {n3} гостей. По вечерам некоторые улицы старого города "
            "будут закрыты для движения.",
        ],
    ),
)

NOVEL_REVIEW = story(
    "culture",
    Genre.OPINION,
    weight=2,
    pools={"title": TITLES},
    en=text(
        "Review: “{title}” is a quiet novel that stays with you",
        "{p1}’s new novel follows three generations of one family in {town}. It is slow, precise "
        "and worth the time.",
        [
            "Nothing dramatic happens in the first hundred pages of “{title}”. A grandmother "
            "repairs a clock, a son argues about a fence, a granddaughter leaves for university "
            "and comes back. And yet it is hard to put down.",
            "{p1_last} writes short chapters, each fixed to one day and one room. The effect is "
            "of a family album in which the photographs slowly begin to talk to each other.",
            "> “In our house, nobody said ‘I am sorry’. We said ‘Have you eaten?’ and it meant "
            "the same.”",
            "## Where it falters",
            "The final part moves too quickly, as if the author were afraid of outstaying the "
            "welcome. A few threads — a lost letter, a half-built house — are dropped rather "
            "than tied.",
            "Still, this is one of the most assured novels of the year. An extract is available "
            "on the " + LINK + "publisher’s website</a>.",
            "<em>The views expressed in this review are the author’s own.</em>",
        ],
    ),
    az=text(
        "Resenziya: “{title}” insanın yadında qalan sakit romandır",
        "Yazıçı {p1} yeni romanında {town} şəhərində yaşayan bir ailənin üç nəslindən bəhs edir. "
        "Kitab tələsmir, dəqiqdir və vaxt ayırmağa dəyər.",
        [
            "“{title}” romanının ilk yüz səhifəsində heç bir dramatik hadisə baş vermir. Nənə saat "
            "təmir edir, oğul hasar üstündə mübahisə edir, nəvə universitetə gedir və qayıdır. "
            "Buna baxmayaraq, kitabı yerə qoymaq çətindir.",
            "{p1_last} qısa fəsillər yazır, hər biri bir günə və bir otağa bağlıdır. Nəticədə "
            "fotoşəkilləri yavaş-yavaş bir-biri ilə danışmağa başlayan ailə albomu təsiri yaranır.",
            "> “Bizim evdə heç kim ‘bağışla’ demirdi. ‘Yemək yemisən?’ deyirdik və bu, eyni mənanı "
            "verirdi.”",
            "## Zəif tərəfləri",
            "Son hissə çox sürətlə irəliləyir, sanki müəllif oxucunu yormaqdan qorxur. Bir neçə "
            "xətt — itmiş məktub, yarımçıq ev — bağlanmadan qalır.",
            "Yenə də bu, ilin ən inamlı romanlarından biridir. Kitabdan parça ilə "
            + LINK
            + "nəşriyyatın saytında</a> tanış olmaq olar.",
            "<em>Resenziyada ifadə olunan fikirlər müəllifə məxsusdur.</em>",
        ],
    ),
    ru=text(
        "Рецензия: {title} — тихий роман, который не отпускает",
        "Новый роман, который написал{p1_v} {p1}, прослеживает три поколения одной семьи из "
        "города {town}. Он неторопливый, точный и стоит потраченного времени.",
        [
            "На первых ста страницах романа {title} не происходит ничего драматического. Бабушка "
            "чинит часы, сын спорит из-за забора, внучка уезжает в университет и возвращается. "
            "И всё же оторваться трудно.",
            "{p1_last} пишет короткие главы, каждая привязана к одному дню и одной комнате. "
            "Получается семейный альбом, в котором фотографии понемногу начинают разговаривать "
            "друг с другом.",
            "> «В нашем доме никто не говорил „прости“. Мы говорили „ты поел?“, и это значило то "
            "же самое».",
            "## Где роман спотыкается",
            "Последняя часть движется слишком быстро, будто автор боится утомить читателя. "
            "Несколько линий — потерянное письмо, недостроенный дом — обрываются, а не "
            "завязываются.",
            "И всё же это один из самых уверенных романов года. Отрывок можно прочитать на "
            + LINK
            + "сайте издательства</a>.",
            "<em>Мнение автора может не совпадать с позицией редакции.</em>",
        ],
    ),
)

THEATRE_SEASON = story(
    "culture",
    Genre.PRESS_RELEASE,
    weight=2,
    pools={"title": TITLES},
    en=text(
        "{town} Drama Theatre announces new season with {n1} premieres",
        "The {town} Drama Theatre will open its season next month with {n1} premieres, including "
        "a new staging of “{title}”.",
        [
            "<em>Press release from the {town} Drama Theatre, published as received.</em>",
            "The {town} Drama Theatre is pleased to announce its new season. Alongside {n1} "
            "premieres, the theatre will bring back audience favourites and host guest companies "
            "from neighbouring towns, including {town2}.",
            "> “This season is about homecoming: stories of people who leave and the places that "
            "wait for them,” said the theatre’s artistic director, {p1}.",
            "The season opens with “{title}”, directed by {p2}. Every Sunday matinee will have "
            "tickets at a reduced price for students and pensioners.",
            "## Tickets",
            "Season subscriptions go on sale next week at the box office and on the "
            + LINK
            + "theatre’s website</a>.",
        ],
    ),
    az=text(
        "{town} Dram Teatrı {n1} premyera ilə yeni mövsümü elan edib",
        "{town} Dram Teatrı gələn ay mövsümü {n1} premyera ilə açacaq. Onların arasında "
        "“{title}” əsərinin yeni quruluşu da var.",
        [
            "<em>{town} Dram Teatrının press-relizi dəyişiklik edilmədən dərc olunur.</em>",
            "{town} Dram Teatrı yeni mövsümünü elan edir. {n1} premyera ilə yanaşı, teatr "
            "tamaşaçıların sevdiyi tamaşaları yenidən səhnəyə qaytaracaq və {town2} də daxil "
            "olmaqla qonşu şəhərlərin truppalarını qəbul edəcək.",
            "> “Bu mövsüm evə qayıdış haqqındadır: gedən insanlar və onları gözləyən yerlər "
            "haqqında hekayələr”, — deyə teatrın bədii rəhbəri {p1} bildirib.",
            "Mövsüm {p2} tərəfindən səhnələşdirilən “{title}” tamaşası ilə açılır. Hər bazar "
            "günü gündüz tamaşalarına tələbələr və pensiyaçılar üçün güzəştli biletlər olacaq.",
            "## Biletlər",
            "Mövsüm abunələri gələn həftədən kassada və " + LINK + "teatrın saytında</a> satışa "
            "çıxarılacaq.",
        ],
    ),
    ru=text(
        "Драматический театр города {town} представил новый сезон: {n1} премьер",
        "Драматический театр города {town} откроет сезон в следующем месяце {n1} премьерами, "
        "среди которых новая постановка {title}.",
        [
            "<em>Пресс-релиз Драматического театра города {town} публикуется без изменений.</em>",
            "Драматический театр города {town} объявляет о новом сезоне. Помимо {n1} премьер "
            "театр вернёт на сцену любимые зрителями спектакли и примет гастрольные труппы из "
            "соседних городов, в том числе из города {town2}.",
            "> «Этот сезон — о возвращении домой: истории людей, которые уезжают, и мест, "
            "которые их ждут», — сказал{p1_v} художественный руководитель театра {p1}.",
            "Сезон откроется спектаклем {title} в постановке режиссёра {p2}. На каждый "
            "воскресный дневной спектакль будут билеты по сниженной цене для студентов и "
            "пенсионеров.",
            "## Билеты",
            "Абонементы на сезон поступят в продажу на следующей неделе в кассе и на "
            + LINK
            + "сайте театра</a>.",
        ],
    ),
)

STORIES = (FESTIVAL_OPENS, NOVEL_REVIEW, THEATRE_SEASON)
