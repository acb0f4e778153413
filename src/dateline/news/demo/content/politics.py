# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""Politics: a parliamentary committee, a council budget and an ombudsman."""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

COMMITTEE_BILL = story(
    "politics",
    Genre.NEWS,
    weight=4,
    pools={
        "topic": [
            {
                "en": "public library funding",
                "az": "ictimai kitabxanaların maliyyələşdirilməsi",
                "ru": "финансировании публичных библиотек",
            },
            {
                "en": "road safety near schools",
                "az": "məktəblərin yaxınlığında yol təhlükəsizliyi",
                "ru": "безопасности дорожного движения у школ",
            },
            {
                "en": "municipal archives",
                "az": "bələdiyyə arxivləri",
                "ru": "муниципальных архивах",
            },
            {
                "en": "rural broadband",
                "az": "kəndlərdə genişzolaqlı internet",
                "ru": "широкополосном интернете в сёлах",
            },
            {
                "en": "volunteer fire brigades",
                "az": "könüllü yanğınsöndürmə dəstələri",
                "ru": "добровольных пожарных дружинах",
            },
            {
                "en": "consumer rights in online shopping",
                "az": "onlayn alış-verişdə istehlakçı hüquqları",
                "ru": "правах потребителей при онлайн-покупках",
            },
        ]
    },
    en=text(
        "Parliament committee backs bill on {topic}",
        "A parliamentary committee approved a draft law on {topic} {weekday}, sending it to the "
        "full chamber for a first reading.",
        [
            "Members of the committee voted {v_for} to {v_against} in favour of the text after a "
            "two-hour hearing. The bill now goes to the plenary session, where it needs a simple "
            "majority to pass.",
            "> “This is a practical law. It sets clear duties, gives municipalities a budget line "
            "and tells citizens where to turn,” said {p1}, who chairs the committee.",
            "## What the bill changes",
            "The draft gives local authorities {n1} months to publish their plans and sets aside "
            "{money} over three years. A summary is available on the " + LINK + "committee’s "
            "page</a>.",
            "{p2}, an opposition member of the committee, said the timetable was too tight for "
            "smaller towns such as {town}. “We support the aim, but the deadlines should follow "
            "the budget cycle,” {p2_last} said.",
            "The plenary debate is expected next week.",
        ],
    ),
    az=text(
        "Parlament komitəsi {topic} haqqında qanun layihəsini bəyənib",
        "Parlamentin komitəsi {weekday} {topic} haqqında qanun layihəsini təsdiqləyib və onu "
        "birinci oxunuş üçün plenar iclasa göndərib.",
        [
            "Komitə üzvləri iki saatlıq müzakirədən sonra {v_for} lehinə, {v_against} əleyhinə "
            "səslə mətni qəbul ediblər. Layihənin qəbulu üçün plenar iclasda sadə səs çoxluğu "
            "tələb olunur.",
            "> “Bu, praktik qanundur. O, aydın vəzifələr müəyyən edir, bələdiyyələrə büdcə "
            "xətti verir və vətəndaşlara hara müraciət edəcəklərini göstərir”, — deyə komitənin "
            "sədri {p1} bildirib.",
            "## Layihə nəyi dəyişir",
            "Layihə yerli hakimiyyət orqanlarına planlarını dərc etmək üçün {n1} ay vaxt verir və "
            "üç il ərzində {money} ayırır. Xülasə ilə " + LINK + "komitənin səhifəsində</a> "
            "tanış olmaq olar.",
            "Komitənin müxalifətçi üzvü {p2} bildirib ki, {town} kimi kiçik şəhərlər üçün "
            "müddətlər çox qısadır. “Məqsədi dəstəkləyirik, lakin müddətlər büdcə dövrünə uyğun "
            "olmalıdır”, — deyə {p2_last} qeyd edib.",
            "Plenar müzakirənin gələn həftə keçiriləcəyi gözlənilir.",
        ],
    ),
    ru=text(
        "Комитет парламента одобрил законопроект о {topic}",
        "Парламентский комитет {weekday} одобрил законопроект о {topic} и направил его на "
        "первое чтение.",
        [
            "После двухчасового обсуждения члены комитета поддержали текст: {v_for} голосов "
            "«за», {v_against} — «против». Для принятия на пленарном заседании нужно простое "
            "большинство.",
            "> «Это практический закон. Он устанавливает ясные обязанности, даёт муниципалитетам "
            "отдельную строку в бюджете и подсказывает гражданам, куда обращаться», — сказал{p1_v} "
            "председатель комитета {p1}.",
            "## Что меняет законопроект",
            "Документ даёт местным властям {n1} мес. на публикацию планов и предусматривает "
            "{money} в течение трёх лет. С кратким изложением можно ознакомиться на "
            + LINK
            + "странице комитета</a>.",
            "Член комитета от оппозиции {p2} заявил{p2_v}, что сроки слишком сжаты для небольших "
            "городов, таких как {town}. «Мы поддерживаем цель, но сроки должны следовать "
            "бюджетному циклу», — отметил{p2_v} {p2_last}.",
            "Пленарное обсуждение ожидается на следующей неделе.",
        ],
    ),
)

COUNCIL_BUDGET = story(
    "politics",
    Genre.NEWS,
    weight=4,
    pools={
        "priority": [
            {"en": "water pipes", "az": "su xətləri", "ru": "водопроводные сети"},
            {"en": "school repairs", "az": "məktəb təmiri", "ru": "ремонт школ"},
            {"en": "public transport", "az": "ictimai nəqliyyat", "ru": "общественный транспорт"},
            {"en": "street lighting", "az": "küçə işıqlandırılması", "ru": "уличное освещение"},
            {
                "en": "parks and playgrounds",
                "az": "parklar və uşaq meydançaları",
                "ru": "парки и детские площадки",
            },
        ]
    },
    en=text(
        "{town} council adopts {year} budget with focus on {priority}",
        "Councillors in {town} approved a spending plan of {money} for {year} {weekday}.",
        [
            "The budget, passed by {v_for} votes to {v_against}, raises capital spending by "
            "{pct}% compared with last year. Most of the increase goes to {priority}, which "
            "residents named as their first concern in a survey last autumn.",
            "> “Every manat in this plan has a street address. People will be able to see the "
            "work, not just read about it,” said {p1}, head of the council’s finance committee.",
            "## Where the money goes",
            "Besides {priority}, the plan funds repairs to {n1} kilometres of roads and a new "
            "waiting room at the central bus station. The full document, with a table for each "
            "district, is published on the " + LINK + "council’s website</a>.",
            "Council member {p2} voted against, arguing that reserves were being spent too "
            "quickly. “I would rather see a smaller plan that we can finish,” {p2_last} said.",
            "Public hearings on the district programmes will take place over the coming month.",
        ],
    ),
    az=text(
        "{town} şəhər şurası {year_ord} ilin büdcəsini qəbul edib",
        "{town} şəhərinin deputatları {weekday} {year_ord} il üçün {money} həcmində xərclər "
        "planını təsdiqləyiblər.",
        [
            "Şuranın {v_for} lehinə, {v_against} əleyhinə səslə qəbul etdiyi büdcə əsaslı "
            "xərcləri ötən illə müqayisədə {pct}% artırır. Artımın böyük hissəsi sakinlərin keçən "
            "payız sorğuda birinci yerə qoyduğu {priority} üçün nəzərdə tutulub.",
            "> “Bu plandakı hər manatın küçə ünvanı var. İnsanlar işi təkcə oxumayacaq, həm də "
            "görəcəklər”, — deyə şuranın maliyyə komitəsinin rəhbəri {p1} bildirib.",
            "## Vəsait hara yönəldiləcək",
            "Plan həmçinin {n1} kilometr yolun təmirini və mərkəzi avtovağzalda yeni gözləmə "
            "zalını maliyyələşdirir. Hər rayon üzrə cədvəli olan tam sənəd " + LINK + "şuranın "
            "saytında</a> dərc olunub.",
            "Şura üzvü {p2} əleyhinə səs verib və ehtiyatların çox sürətlə xərcləndiyini "
            "bildirib. “Başa çatdıra biləcəyimiz daha kiçik planı üstün tuturam”, — deyə "
            "{p2_last} deyib.",
            "Rayon proqramları üzrə ictimai dinləmələr növbəti ay ərzində keçiriləcək.",
        ],
    ),
    ru=text(
        "Совет города {town} принял бюджет на {year} год с упором на {priority}",
        "Депутаты города {town} {weekday} утвердили план расходов на {year} год в размере {money}.",
        [
            "Бюджет, принятый {v_for} голосами против {v_against}, увеличивает капитальные "
            "расходы на {pct}% по сравнению с прошлым годом. Бо́льшая часть прироста пойдёт на "
            "{priority} — именно это жители назвали главной заботой в опросе прошлой осенью.",
            "> «У каждого маната в этом плане есть адрес. Люди смогут увидеть работу, а не только "
            "прочитать о ней», — сказал{p1_v} глава финансового комитета совета {p1}.",
            "## Куда пойдут деньги",
            "Кроме того, план финансирует ремонт {n1} км дорог и новый зал ожидания на "
            "центральном автовокзале. Полный документ с таблицей по каждому району опубликован "
            "на " + LINK + "сайте совета</a>.",
            "Член совета {p2} проголосовал{p2_v} против, заявив, что резервы расходуются слишком "
            "быстро. «Лучше план поменьше, но такой, который мы сможем завершить», — сказал{p2_v} "
            "{p2_last}.",
            "Публичные слушания по районным программам пройдут в течение следующего месяца.",
        ],
    ),
)

OMBUDSMAN_INTERVIEW = story(
    "politics",
    Genre.INTERVIEW,
    weight=2,
    en=text(
        "“Most complaints are about paperwork, not people”: {town}’s ombudsman on a year in office",
        "{p1} has spent a year as the municipal ombudsman of {town}. Dateline asked about the "
        "complaints, the backlog and what comes next.",
        [
            "<strong>Dateline:</strong> How many complaints did your office receive in its first "
            "year?",
            "<strong>{p1_last}:</strong> A little over {n4}. About half were about housing "
            "services and permits, and most were settled within {n1} weeks.",
            "<strong>Dateline:</strong> What surprised you?",
            "<strong>{p1_last}:</strong> How often the problem is a form rather than a decision. "
            "People are told to carry a certificate from one office to another office in the same "
            "building. We asked the council to remove those steps, and it agreed to start with "
            "the simplest ones.",
            "## “We publish every recommendation”",
            "<strong>Dateline:</strong> Critics say the office has no teeth.",
            "<strong>{p1_last}:</strong> We cannot overturn a decision, that is true. But we "
            "publish every recommendation and every reply on " + LINK + "our website</a>, and an "
            "unanswered letter is also an answer that residents can read.",
            "<strong>Dateline:</strong> What is the priority for next year?",
            "<strong>{p1_last}:</strong> The villages. Many people never come to {town} to "
            "complain, so we will go to them once a month with a desk and a laptop.",
            "<em>The interview has been edited for length and clarity.</em>",
        ],
    ),
    az=text(
        "“Şikayətlərin çoxu insanlardan yox, kağız işindən gəlir”: {town} ombudsmanı ilk il barədə",
        "{p1} bir ildir ki, {town} şəhərinin bələdiyyə ombudsmanıdır. Dateline şikayətlər, "
        "yığılmış işlər və gələcək planlar barədə soruşub.",
        [
            "<strong>Dateline:</strong> İlk ildə ofisinizə neçə şikayət daxil olub?",
            "<strong>{p1_last}:</strong> Təxminən {n4} şikayət. Onların yarısı mənzil "
            "xidmətləri və icazələrlə bağlı idi, əksəriyyəti {n1} həftə ərzində həll olundu.",
            "<strong>Dateline:</strong> Sizi nə təəccübləndirdi?",
            "<strong>{p1_last}:</strong> Problemin nə qədər tez-tez qərarda deyil, blankda "
            "olması. İnsanlara deyirlər ki, eyni binadakı bir ofisdən digərinə arayış aparsınlar. "
            "Şuradan bu addımları ləğv etməyi xahiş etdik və o, ən sadələrindən başlamağa razı "
            "oldu.",
            "## “Hər tövsiyəni dərc edirik”",
            "<strong>Dateline:</strong> Tənqidçilər deyir ki, ofisin səlahiyyəti yoxdur.",
            "<strong>{p1_last}:</strong> Qərarı ləğv edə bilmirik, bu doğrudur. Amma hər "
            "tövsiyəni və hər cavabı " + LINK + "saytımızda</a> dərc edirik. Cavabsız qalan "
            "məktub da sakinlərin oxuya biləcəyi bir cavabdır.",
            "<strong>Dateline:</strong> Gələn il üçün əsas prioritet nədir?",
            "<strong>{p1_last}:</strong> Kəndlər. Çox adam şikayət etmək üçün {town} şəhərinə "
            "heç vaxt gəlmir, ona görə də ayda bir dəfə masa və noutbukla özümüz onların yanına "
            "gedəcəyik.",
            "<em>Müsahibə qısaldılıb və redaktə olunub.</em>",
        ],
    ),
    ru=text(
        "«Большинство жалоб — на бумаги, а не на людей»: омбудсмен города {town} об итогах года",
        "{p1} уже год работает муниципальным омбудсменом города {town}. Dateline расспросил о "
        "жалобах, очередях и планах.",
        [
            "<strong>Dateline:</strong> Сколько жалоб получил ваш офис за первый год?",
            "<strong>{p1_last}:</strong> Чуть больше {n4}. Около половины касались жилищных "
            "услуг и разрешений, большинство удалось решить в течение {n1} недель.",
            "<strong>Dateline:</strong> Что вас удивило?",
            "<strong>{p1_last}:</strong> Как часто проблема в бланке, а не в решении. Людям "
            "говорят отнести справку из одного кабинета в другой в том же здании. Мы попросили "
            "совет убрать эти шаги, и он согласился начать с самых простых.",
            "## «Мы публикуем каждую рекомендацию»",
            "<strong>Dateline:</strong> Критики говорят, что у офиса нет реальных полномочий.",
            "<strong>{p1_last}:</strong> Отменить решение мы не можем, это правда. Но каждую "
            "рекомендацию и каждый ответ мы публикуем на " + LINK + "нашем сайте</a>, а письмо "
            "без ответа — тоже ответ, который жители могут прочитать.",
            "<strong>Dateline:</strong> Какой главный приоритет на следующий год?",
            "<strong>{p1_last}:</strong> Сёла. Многие никогда не приезжают в город {town}, "
            "чтобы пожаловаться, поэтому раз в месяц мы сами будем приезжать к ним со столом и "
            "ноутбуком.",
            "<em>Интервью сокращено и отредактировано.</em>",
        ],
    ),
)

STORIES = (COMMITTEE_BILL, COUNCIL_BUDGET, OMBUDSMAN_INTERVIEW)
