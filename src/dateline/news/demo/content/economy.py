# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""Economy: statistics, prices, a press release, partner content and agency copy."""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

RETAIL_FIGURES = story(
    "economy",
    Genre.NEWS,
    weight=4,
    en=text(
        "Retail sales rise {pct}% {prev_month}, statistics office says",
        "Retail sales rose {pct}% year on year {prev_month}, the national statistics office said "
        "{weekday}, led by food and household goods.",
        [
            "Spending on food grew faster than on other goods, the office said in its monthly "
            "bulletin. Sales of household appliances rose {pct2}%, while fuel sales were broadly "
            "flat.",
            "Online orders made up about {n1}% of the total, up from last year, with the strongest "
            "growth in towns outside the capital region such as {town}.",
            "> “Households are still careful, but they are no longer postponing everyday "
            "purchases,” said {p1}, an economist at {institute}.",
            "## Prices",
            "Consumer prices rose {pct3}% over the same period. The full tables are available in "
            "the " + LINK + "statistics bulletin</a>.",
            "The office will publish figures for industrial output next week.",
        ],
    ),
    az=text(
        "Statistika idarəsi: pərakəndə satış {prev_month} {pct}% artıb",
        "Milli statistika idarəsinin {weekday} açıqladığı məlumata görə, pərakəndə satış "
        "{prev_month} ötən ilin eyni dövrü ilə müqayisədə {pct}% artıb.",
        [
            "İdarənin aylıq bülletenində bildirilir ki, ərzaq xərcləri digər mallara nisbətən "
            "daha sürətlə artıb. Məişət texnikasının satışı {pct2}% yüksəlib, yanacaq satışı isə "
            "demək olar ki, dəyişməyib.",
            "Onlayn sifarişlər ümumi satışın təxminən {n1}%-ni təşkil edib. Ən sürətli artım "
            "paytaxt bölgəsindən kənarda, məsələn, {town} kimi şəhərlərdə qeydə alınıb.",
            "> “Ailələr hələ də ehtiyatlıdır, amma gündəlik alış-verişi artıq təxirə salmırlar”, "
            "— deyə {institute_gen} iqtisadçısı {p1} bildirib.",
            "## Qiymətlər",
            "Eyni dövrdə istehlak qiymətləri {pct3}% artıb. Tam cədvəllər " + LINK + "statistika "
            "bülletenində</a> yerləşdirilib.",
            "İdarə sənaye istehsalı üzrə göstəriciləri gələn həftə açıqlayacaq.",
        ],
    ),
    ru=text(
        "Розничные продажи {prev_month} выросли на {pct}% — статистическое ведомство",
        "Розничные продажи {prev_month} выросли на {pct}% в годовом выражении, сообщило "
        "{weekday} национальное статистическое ведомство. Рост обеспечили продукты питания и "
        "товары для дома.",
        [
            "Расходы на продукты росли быстрее, чем на другие товары, говорится в ежемесячном "
            "бюллетене ведомства. Продажи бытовой техники выросли на {pct2}%, продажи топлива "
            "почти не изменились.",
            "На онлайн-заказы пришлось около {n1}% общего объёма. Быстрее всего они росли в "
            "городах за пределами столичного региона, например в городе {town}.",
            "> «Семьи по-прежнему осторожны, но повседневные покупки уже не откладывают», — "
            "сказал{p1_v} экономист {institute_gen} {p1}.",
            "## Цены",
            "Потребительские цены за тот же период выросли на {pct3}%. Полные таблицы доступны в "
            + LINK
            + "статистическом бюллетене</a>.",
            "Данные о промышленном производстве ведомство опубликует на следующей неделе.",
        ],
    ),
)

PRICE_ANALYSIS = story(
    "economy",
    Genre.ANALYSIS,
    weight=3,
    pools={
        "goods": [
            {
                "en": "vegetable",
                "en_pl": "vegetables",
                "az": "tərəvəz",
                "az_cap": "Tərəvəz",
                "ru": "овощи",
            },
            {"en": "fruit", "en_pl": "fruit", "az": "meyvə", "az_cap": "Meyvə", "ru": "фрукты"},
            {"en": "flour", "en_pl": "flour", "az": "un", "az_cap": "Un", "ru": "муку"},
            {"en": "cement", "en_pl": "cement", "az": "sement", "az_cap": "Sement", "ru": "цемент"},
            {"en": "meat", "en_pl": "meat", "az": "ət", "az_cap": "Ət", "ru": "мясо"},
        ]
    },
    en=text(
        "Analysis: why {goods} prices keep rising, and what could change that",
        "Prices for {goods_pl} have climbed {pct}% in a year. Transport costs, a weak harvest "
        "and the way small suppliers sell explain most of it, but not all.",
        [
            "Three forces are at work. Transport is the first: diesel and freight rates rose "
            "through the year, and most {goods_pl} still travel by road from a handful of "
            "districts around {town}.",
            "The second is the weather. A dry spring cut yields and output by about {pct2}% in "
            "the main producing areas, according to estimates by {institute}.",
            "> “Prices react to the weakest link. This year the weak link was water,” said {p1}, "
            "who studies markets at {institute}.",
            "## The small-supplier problem",
            "The third factor is structural. Thousands of small producers sell through a few "
            "wholesale markets, and the gap between the first sale and the shop shelf has "
            "widened. {p2}, who runs a cooperative near {town2}, says members receive less than "
            "half of the final price.",
            "Economists interviewed by Dateline see relief if storage improves and more producers "
            "sell directly. A pilot programme described in a " + LINK + "recent report</a> cut "
            "losses after harvest by a third.",
            "None of this will lower prices overnight. But the experts agree on one point: the "
            "next season matters more than any single decision in the capital.",
        ],
    ),
    az=text(
        "Təhlil: {goods} qiymətləri niyə artmaqda davam edir və bunu nə dəyişə bilər",
        "{goods_cap} qiymətləri bir ildə {pct}% artıb. Bunun əsas səbəbləri nəqliyyat xərcləri, "
        "zəif məhsul və kiçik təchizatçıların satış üsuludur, amma təkcə bunlar deyil.",
        [
            "Burada üç amil işləyir. Birincisi nəqliyyatdır: il ərzində dizel yanacağı və "
            "yükdaşıma tarifləri bahalaşıb, məhsulun böyük hissəsi isə hələ də {town} "
            "ətrafındakı bir neçə rayondan avtomobil yolu ilə daşınır.",
            "İkincisi havadır. {institute_gen} hesablamalarına görə, quraq yaz əsas istehsal "
            "bölgələrində məhsuldarlığı təxminən {pct2}% azaldıb.",
            "> “Qiymətlər ən zəif halqaya reaksiya verir. Bu il zəif halqa su oldu”, — deyə "
            "{institute_gen} bazar tədqiqatçısı {p1} bildirib.",
            "## Kiçik təchizatçı problemi",
            "Üçüncü amil strukturludur. Minlərlə kiçik istehsalçı məhsulunu bir neçə topdansatış "
            "bazarı vasitəsilə satır və ilk satışla mağaza rəfi arasındakı fərq böyüyüb. {town2} "
            "yaxınlığında kooperativ idarə edən {p2} deyir ki, üzvlər son qiymətin yarısından "
            "azını alırlar.",
            "Dateline-ın həmsöhbət olduğu iqtisadçılar anbar şəraiti yaxşılaşsa və daha çox "
            "istehsalçı birbaşa satış etsə, vəziyyətin yüngülləşəcəyini düşünürlər. "
            + LINK
            + "Son hesabatda</a> təsvir olunan pilot proqram yığımdan sonrakı itkiləri üçdə bir "
            "azaldıb.",
            "Bütün bunlar qiymətləri bir gecədə aşağı salmayacaq. Amma ekspertlər bir məsələdə "
            "razıdırlar: növbəti mövsüm paytaxtda qəbul edilən istənilən qərardan daha vacibdir.",
        ],
    ),
    ru=text(
        "Анализ: почему продолжают расти цены на {goods} и что может это изменить",
        "Цены на {goods} за год выросли на {pct}%. Большую часть роста объясняют транспортные "
        "расходы, слабый урожай и то, как продают мелкие поставщики, — но не весь рост.",
        [
            "Действуют три силы. Первая — транспорт: дизельное топливо и тарифы на перевозки "
            "дорожали весь год, а основная часть продукции по-прежнему идёт автотранспортом из "
            "нескольких районов вокруг города {town}.",
            "Вторая — погода. По оценкам {institute_gen}, засушливая весна снизила выпуск в "
            "основных районах производства примерно на {pct2}%.",
            "> «Цены реагируют на самое слабое звено. В этом году слабым звеном стала вода», — "
            "сказал{p1_v} исследователь рынков из {institute_gen} {p1}.",
            "## Проблема мелких поставщиков",
            "Третий фактор — структурный. Тысячи мелких производителей продают продукцию через "
            "несколько оптовых рынков, и разница между первой продажей и полкой магазина "
            "выросла. {p2}, руководитель кооператива под городом {town2}, говорит, что его члены "
            "получают меньше половины конечной цены.",
            "Опрошенные Dateline экономисты ожидают облегчения, если улучшится хранение и больше "
            "производителей будут продавать напрямую. Пилотная программа, описанная в "
            + LINK
            + "недавнем докладе</a>, сократила потери после сбора урожая на треть.",
            "Ничто из этого не снизит цены за одну ночь. Но эксперты сходятся в одном: следующий "
            "сезон важнее любого отдельного решения в столице.",
        ],
    ),
)

DISTRIBUTION_CENTRE = story(
    "economy",
    Genre.PRESS_RELEASE,
    weight=2,
    en=text(
        "{company} opens distribution centre in {town}, creating {n2} jobs",
        "{company} has opened a distribution centre in {town} that will employ {n2} people, the "
        "company said in a press release.",
        [
            "<em>The following press release was issued by {company} and is published as "
            "received.</em>",
            "{company} today announced the opening of its new distribution centre in {town}. The "
            "{n3}-square-metre site will serve shops and pharmacies across the region and cut "
            "average delivery times by {n1} hours.",
            "> “This centre brings us closer to our customers and gives {n2} people a job near "
            "home,” said {p1}, chief executive of {company}.",
            "The centre draws part of its power from rooftop solar panels and uses electric vans "
            "for deliveries within {town}. Vacancies are listed on the " + LINK + "company’s "
            "careers page</a>.",
            "## About {company}",
            "{company} is a logistics and wholesale company founded in {found_year}. It employs "
            "about {n4} people in the region.",
        ],
    ),
    az=text(
        "{company} {town} şəhərində paylama mərkəzi açıb, {n2} iş yeri yaradılıb",
        "{company} şirkəti {town} şəhərində {n2} nəfərin çalışacağı paylama mərkəzi açıb. Bu "
        "barədə şirkətin press-relizində bildirilir.",
        [
            "<em>Aşağıdakı press-reliz {company} şirkəti tərəfindən yayılıb və dəyişiklik "
            "edilmədən dərc olunur.</em>",
            "{company} bu gün {town} şəhərində yeni paylama mərkəzinin açıldığını elan edir. "
            "{n3} kvadratmetrlik obyekt bölgədəki mağaza və aptekləri təchiz edəcək və orta "
            "çatdırılma müddətini {n1} saat qısaldacaq.",
            "> “Bu mərkəz bizi müştərilərimizə yaxınlaşdırır və {n2} nəfərə evinə yaxın iş verir”, "
            "— deyə {company} şirkətinin baş direktoru {p1} bildirib.",
            "Mərkəz enerjinin bir hissəsini damdakı günəş panellərindən alır, {town} daxilində "
            "çatdırılma üçün isə elektrik furqonlardan istifadə edir. Vakansiyalar "
            + LINK
            + "şirkətin karyera səhifəsində</a> yerləşdirilib.",
            "## {company} haqqında",
            "{company} {found_year_ord} ildə yaradılmış logistika və topdansatış şirkətidir. "
            "Bölgədə təxminən {n4} nəfər çalışır.",
        ],
    ),
    ru=text(
        "Компания {company} открыла распределительный центр в городе {town} на {n2} рабочих мест",
        "Компания {company} открыла в городе {town} распределительный центр, где будут работать "
        "{n2} человек, говорится в пресс-релизе компании.",
        [
            "<em>Пресс-релиз компании {company} публикуется без изменений.</em>",
            "Компания {company} сегодня объявила об открытии нового распределительного центра в "
            "городе {town}. Площадка размером {n3} кв. м будет снабжать магазины и аптеки всего "
            "региона и сократит среднее время доставки на {n1} ч.",
            "> «Этот центр приближает нас к клиентам и даёт {n2} людям работу рядом с домом», — "
            "сказал{p1_v} генеральный директор компании {company} {p1}.",
            "Часть электроэнергии центр получает от солнечных панелей на крыше, а для доставки по "
            "городу {town} использует электрические фургоны. Вакансии опубликованы на "
            + LINK
            + "странице компании</a>.",
            "## О компании {company}",
            "Компания {company} — логистическая и оптовая компания, основанная в {found_year} "
            "году. В регионе в ней работают около {n4} человек.",
        ],
    ),
)

SHOPS_ONLINE = story(
    "economy",
    Genre.SPONSORED,
    weight=1,
    en=text(
        "Partner content: how small shops in {town} are learning to sell online",
        "A free course run by {company} has helped {n2} shop owners set up online stores. Two of "
        "them explain what changed.",
        [
            "<em>Sponsored content. This article was paid for by {company}; the Dateline newsroom "
            "had no part in writing it.</em>",
            "When {p1} opened a bakery on the main street of {town}, orders came in by phone and "
            "on paper. Today about a third arrive through a simple online shop built during a "
            "six-week course.",
            "> “I thought it would be complicated. It turned out to be a list of products, a "
            "photo and a delivery area,” {p1_last} says.",
            "## Learning by doing",
            "The course is free for businesses with fewer than {n1} employees. Participants meet "
            "once a week and leave each session with something that works: a payment page, a "
            "price list, a delivery map. Details are on the " + LINK + "programme page</a>.",
            "{p2}, who sells hand-made ceramics, now ships to customers in {n2} towns. “The "
            "course did not sell anything for me,” {p2_last} says. “It showed me where my "
            "customers already were.”",
        ],
    ),
    az=text(
        "Tərəfdaş materialı: {town} şəhərində kiçik mağazalar onlayn satışı necə öyrənir",
        "{company} şirkətinin pulsuz kursu {n2} mağaza sahibinə onlayn mağaza açmağa kömək edib. "
        "Onlardan ikisi nəyin dəyişdiyini danışır.",
        [
            "<em>Sponsorlu material. Bu yazının haqqını {company} ödəyib; Dateline redaksiyası "
            "onun hazırlanmasında iştirak etməyib.</em>",
            "{p1} {town} şəhərinin əsas küçəsində çörək sexi açanda sifarişlər telefonla və "
            "kağızda gəlirdi. İndi onların təxminən üçdə biri altı həftəlik kurs zamanı qurulmuş "
            "sadə onlayn mağaza vasitəsilə daxil olur.",
            "> “Düşünürdüm ki, çətin olacaq. Məlum oldu ki, bu, sadəcə məhsul siyahısı, şəkil və "
            "çatdırılma ərazisidir”, — deyir {p1_last}.",
            "## İşləyərək öyrənmək",
            "Kurs {n1} nəfərdən az işçisi olan bizneslər üçün pulsuzdur. İştirakçılar həftədə bir "
            "dəfə görüşür və hər dərsdən işləyən bir nəticə ilə çıxırlar: ödəniş səhifəsi, "
            "qiymət siyahısı, çatdırılma xəritəsi. Ətraflı məlumat " + LINK + "proqramın "
            "səhifəsindədir</a>.",
            "Əl işi keramika satan {p2} indi {n2} şəhərdəki müştərilərə göndəriş edir. “Kurs "
            "mənim əvəzimə heç nə satmadı”, — deyir {p2_last}. — “Sadəcə müştərilərimin artıq "
            "harada olduğunu göstərdi.”",
        ],
    ),
    ru=text(
        "Партнёрский материал: как небольшие магазины в городе {town} учатся продавать онлайн",
        "Бесплатный курс компании {company} помог {n2} владельцам магазинов открыть "
        "интернет-магазины. Двое из них рассказывают, что изменилось.",
        [
            "<em>Спонсорский материал. Он оплачен компанией {company}; редакция Dateline в его "
            "подготовке не участвовала.</em>",
            "Когда {p1} открыл{p1_v} пекарню на главной улице города {town}, заказы принимали по "
            "телефону и на бумаге. Сегодня около трети из них приходит через простой "
            "интернет-магазин, созданный за шесть недель курса.",
            "> «Я думал{p1_v}, что это сложно. Оказалось, это список товаров, фотография и зона "
            "доставки», — говорит {p1_last}.",
            "## Учиться на практике",
            "Курс бесплатен для предприятий, где работают меньше {n1} человек. Участники "
            "встречаются раз в неделю и уходят с каждого занятия с чем-то работающим: страницей "
            "оплаты, прайс-листом, картой доставки. Подробности — на " + LINK + "странице "
            "программы</a>.",
            "{p2} продаёт керамику ручной работы и теперь отправляет заказы в {n2} городов. "
            "«Курс ничего не продал за меня, — говорит {p2_last}. — Он показал, где "
            "мои покупатели уже были».",
        ],
    ),
)

HARVEST_WIRE = story(
    "economy",
    Genre.AGENCY,
    weight=3,
    en=text(
        "Grain harvest in {town} district reaches {n3} tonnes",
        "Farmers in the {town} district have harvested {n3} tonnes of grain so far this season, "
        "local officials said.",
        [
            "<strong>{town_up}</strong> ({source}) — Farmers in the {town} district have harvested "
            "{n3} tonnes of grain so far this season, {pct}% more than at the same point last "
            "year, the district agriculture office said {weekday}.",
            "About {n2} combine harvesters are working in the fields, the office said. Harvesting "
            "is expected to finish within {n1} days if the weather holds.",
            "> “The grain is dry and of good quality; storage is our main concern now,” {p1}, "
            "head of the district agriculture office, told reporters.",
            "The district supplies a large part of the region’s wheat and barley. Figures by "
            "village are published on the " + LINK + "district’s website</a>.",
        ],
    ),
    az=text(
        "{town} rayonunda taxıl yığımı {n3} tona çatıb",
        "{town} rayonunun fermerləri mövsümün əvvəlindən {n3} ton taxıl yığıblar. Bu barədə "
        "yerli rəsmilər məlumat verib.",
        [
            "<strong>{town_up}</strong> ({source}) — {town} rayonunun fermerləri mövsümün "
            "əvvəlindən {n3} ton taxıl yığıblar ki, bu da ötən ilin eyni dövrü ilə müqayisədə "
            "{pct}% çoxdur. Bu barədə {weekday} rayon kənd təsərrüfatı idarəsi məlumat verib.",
            "İdarənin sözlərinə görə, sahələrdə təxminən {n2} kombayn işləyir. Hava əlverişli "
            "olarsa, yığımın {n1} gün ərzində başa çatacağı gözlənilir.",
            "> “Taxıl quru və keyfiyyətlidir; indi əsas qayğımız saxlanmadır”, — deyə rayon kənd "
            "təsərrüfatı idarəsinin rəisi {p1} jurnalistlərə bildirib.",
            "Rayon bölgənin buğda və arpasının böyük hissəsini təmin edir. Kəndlər üzrə rəqəmlər "
            + LINK
            + "rayonun saytında</a> dərc olunur.",
        ],
    ),
    ru=text(
        "Урожай зерна в районе {town} достиг {n3} тонн",
        "Фермеры района {town} с начала сезона собрали {n3} тонн зерна, сообщили местные власти.",
        [
            "<strong>{town_up}</strong> ({source}) — Фермеры района {town} с начала сезона "
            "собрали {n3} тонн зерна, что на {pct}% больше, чем к этому же сроку прошлого года, "
            "сообщило {weekday} районное управление сельского хозяйства.",
            "По данным управления, в полях работают около {n2} комбайнов. Если погода не "
            "подведёт, уборка завершится в течение {n1} дней.",
            "> «Зерно сухое и хорошего качества, теперь главная забота — хранение», — "
            "сообщил{p1_v} журналистам глава районного управления сельского хозяйства {p1}.",
            "Район обеспечивает значительную часть пшеницы и ячменя региона. Данные по сёлам "
            "публикуются на " + LINK + "сайте района</a>.",
        ],
    ),
)

STORIES = (RETAIL_FIGURES, PRICE_ANALYSIS, DISTRIBUTION_CENTRE, SHOPS_ONLINE, HARVEST_WIRE)
