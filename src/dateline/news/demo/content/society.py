# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""Society: new public buildings, health checks, road works and a column on libraries."""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

NEW_FACILITY = story(
    "society",
    Genre.NEWS,
    weight=4,
    pools={
        "facility": [
            {"en": "school", "az": "məktəb", "ru": "школа", "ru_acc": "новую школу"},
            {
                "en": "health centre",
                "az": "poliklinika",
                "ru": "поликлиника",
                "ru_acc": "новую поликлинику",
            },
            {
                "en": "kindergarten",
                "az": "uşaq bağçası",
                "ru": "детский сад",
                "ru_acc": "новый детский сад",
            },
            {"en": "library", "az": "kitabxana", "ru": "библиотека", "ru_acc": "новую библиотеку"},
            {
                "en": "sports hall",
                "az": "idman zalı",
                "ru": "спортивный зал",
                "ru_acc": "новый спортивный зал",
            },
        ]
    },
    en=text(
        "New {facility} opens in {town} after two years of construction",
        "A new {facility} opened its doors in {town} {weekday}, serving about {n4} residents of "
        "the town’s eastern districts.",
        [
            "The building cost {money} and was financed jointly by the municipality and the "
            "regional development fund. Construction began two years ago and was delayed by about "
            "{n1} months after changes to the design.",
            "> “Families in the eastern districts used to cross the whole town for this. Now it "
            "is a ten-minute walk,” said {p1}, the deputy mayor responsible for social services.",
            "## Accessible by design",
            "The building has step-free entrances, a lift and a small garden. Residents helped "
            "choose its name in an online vote that drew {n3} participants, according to the "
            + LINK
            + "municipality</a>.",
            "{p2}, who lives nearby, came to the opening with two children. “We followed the work "
            "from our balcony for two years,” {p2_last} said. “It was worth the wait.”",
            "The municipality says two similar projects are planned in neighbouring {town2}.",
        ],
    ),
    az=text(
        "{town} şəhərində iki illik tikintidən sonra yeni {facility} açılıb",
        "{town} şəhərində {weekday} yeni {facility} qapılarını açıb. O, şəhərin şərq "
        "məhəllələrinin təxminən {n4} sakininə xidmət göstərəcək.",
        [
            "Binanın tikintisi {money} başa gəlib və bələdiyyə ilə regional inkişaf fondu "
            "tərəfindən birgə maliyyələşdirilib. Tikinti iki il əvvəl başlayıb və layihədəki "
            "dəyişikliklər səbəbindən təxminən {n1} ay gecikib.",
            "> “Şərq məhəllələrindəki ailələr bunun üçün bütün şəhəri keçməli olurdular. İndi isə "
            "on dəqiqəlik piyada yoludur”, — deyə sosial xidmətlər üzrə mer müavini {p1} bildirib.",
            "## Hamı üçün əlçatan",
            "Binada pilləkənsiz girişlər, lift və kiçik bağ var. " + LINK + "Bələdiyyənin</a> "
            "məlumatına görə, binanın adı {n3} nəfərin qatıldığı onlayn səsvermə ilə seçilib.",
            "Yaxınlıqda yaşayan {p2} açılışa iki uşağı ilə gəlmişdi. “İki il tikintini "
            "eyvanımızdan izlədik”, — deyə {p2_last} bildirib. — “Gözləməyə dəyərdi.”",
            "Bələdiyyə qonşu {town2} şəhərində də iki oxşar layihənin planlaşdırıldığını bildirir.",
        ],
    ),
    ru=text(
        "В городе {town} после двух лет строительства открыли {facility_acc}",
        "В городе {town} {weekday} открыли {facility_acc}. Объект будет обслуживать около {n4} "
        "жителей восточных районов города.",
        [
            "Строительство обошлось в {money} и финансировалось совместно муниципалитетом и "
            "региональным фондом развития. Работы начались два года назад и задержались примерно "
            "на {n1} мес. из-за изменений в проекте.",
            "> «Семьям из восточных районов приходилось ради этого пересекать весь город. Теперь "
            "это десять минут пешком», — сказал{p1_v} заместитель мэра по социальным вопросам "
            "{p1}.",
            "## Доступность с самого начала",
            "В здании есть входы без ступеней, лифт и небольшой сад. Название выбрали жители в "
            "онлайн-голосовании, в котором, по данным " + LINK + "муниципалитета</a>, приняли "
            "участие {n3} человек.",
            "На открытие пришли и соседи. «Два года мы следили за стройкой с балкона, — "
            "сказал{p2_v} {p2}. — Ожидание того стоило».",
            "По словам муниципалитета, два похожих проекта планируются в соседнем городе {town2}.",
        ],
    ),
)

LIBRARY_HOURS = story(
    "society",
    Genre.OPINION,
    weight=2,
    en=text(
        "Opinion: our libraries should be open when people can actually use them",
        "Most reading rooms close at six, just as people leave work. A change in opening hours "
        "would do more than a new building.",
        [
            "Every evening at six, the lights go off in the reading room of the central library "
            "in {town}. At ten past six, the first students arrive at the door, read the sign "
            "and walk away.",
            "This is not a story about money. The books are already there; the heating is "
            "already paid for. What is missing is a timetable that matches the lives of the "
            "people the library serves.",
            "> A library is not a museum of books. It is a room where a town thinks.",
            "## Small change, large effect",
            "Several towns have tried evening hours on two days a week. In the pilots described "
            "in a " + LINK + "survey of municipal libraries</a>, visits rose by {pct}% without "
            "any new staff, because shifts were moved rather than added.",
            "The council should try the same here. Start with Tuesdays and Thursdays, count the "
            "visitors and publish the numbers. If nobody comes, close at six again. I suspect we "
            "will not need to.",
            "<em>The views expressed in this column are the author’s own.</em>",
        ],
    ),
    az=text(
        "Rəy: kitabxanalarımız insanların həqiqətən gələ biləcəyi saatlarda açıq olmalıdır",
        "Oxu zallarının çoxu saat altıda, insanlar işdən çıxan kimi bağlanır. İş saatlarının "
        "dəyişməsi yeni binadan daha çox fayda verərdi.",
        [
            "Hər axşam saat altıda {town} şəhərinin mərkəzi kitabxanasının oxu zalında işıqlar "
            "sönür. Altını on dəqiqə keçəndə ilk tələbələr qapıya gəlir, elanı oxuyur və geri "
            "qayıdırlar.",
            "Bu, pul haqqında hekayə deyil. Kitablar artıq oradadır, istilik pulu artıq "
            "ödənilib. Çatışmayan yalnız kitabxananın xidmət etdiyi insanların həyatına uyğun "
            "iş qrafikidir.",
            "> Kitabxana kitab muzeyi deyil. O, şəhərin düşündüyü otaqdır.",
            "## Kiçik dəyişiklik, böyük nəticə",
            "Bir neçə şəhər həftədə iki gün axşam saatlarını sınaqdan keçirib. "
            + LINK
            + "Bələdiyyə kitabxanaları üzrə sorğuda</a> təsvir olunan pilot layihələrdə "
            "ziyarətlər {pct}% artıb, özü də yeni işçi götürülmədən — növbələr sadəcə "
            "dəyişdirilib.",
            "Şura burada da eyni şeyi sınamalıdır. Çərşənbə axşamı və cümə axşamından başlayın, "
            "ziyarətçiləri sayın və rəqəmləri dərc edin. Heç kim gəlməsə, yenə altıda bağlayın. "
            "Məncə, buna ehtiyac olmayacaq.",
            "<em>Bu yazıda ifadə olunan fikirlər müəllifə məxsusdur.</em>",
        ],
    ),
    ru=text(
        "Мнение: библиотеки должны работать тогда, когда люди могут в них прийти",
        "Большинство читальных залов закрывается в шесть — ровно тогда, когда люди уходят с "
        "работы. Изменение часов работы дало бы больше, чем новое здание.",
        [
            "Каждый вечер в шесть в читальном зале центральной библиотеки города {town} гаснет "
            "свет. В десять минут седьмого к дверям подходят первые студенты, читают табличку и "
            "уходят.",
            "Это история не о деньгах. Книги уже есть, отопление уже оплачено. Не хватает только "
            "расписания, которое совпадало бы с жизнью людей, которым служит библиотека.",
            "> Библиотека — не музей книг. Это комната, в которой город думает.",
            "## Маленькое изменение, большой эффект",
            "Несколько городов попробовали вечерние часы два дня в неделю. В пилотных проектах, "
            "описанных в " + LINK + "обзоре муниципальных библиотек</a>, посещаемость выросла "
            "на {pct}% без новых сотрудников — смены просто перенесли.",
            "Совету стоит попробовать то же самое. Начните со вторника и четверга, посчитайте "
            "посетителей и опубликуйте цифры. Если никто не придёт, снова закрывайтесь в шесть. "
            "Подозреваю, что не придётся.",
            "<em>Мнение автора может не совпадать с позицией редакции.</em>",
        ],
    ),
)

ROAD_WORKS_WIRE = story(
    "society",
    Genre.AGENCY,
    weight=3,
    en=text(
        "Road between {town} and {town2} narrowed to one lane for {n1} days of repairs",
        "Traffic on the road between {town} and {town2} will be limited to one lane while the "
        "surface is replaced, the regional roads agency said.",
        [
            "<strong>{town_up}</strong> ({source}) — Traffic on the road between {town} and "
            "{town2} will be limited to one lane for {n1} days while the surface is replaced, the "
            "regional roads agency said {weekday}.",
            "Work will take place between 8:00 and 20:00. Drivers are advised to allow extra "
            "time or to use the northern bypass. Updates will be posted on the "
            + LINK
            + "agency’s "
            "website</a>.",
            "> “We chose the season with the least traffic and will keep one lane open at all "
            "times,” said the agency’s spokesperson, {p1}.",
            "The road carries about {n4} vehicles a day.",
        ],
    ),
    az=text(
        "{town}–{town2} yolunda {n1} günlük təmir: hərəkət bir zolaqla təşkil olunacaq",
        "{town} ilə {town2} arasındakı yolda örtük dəyişdirilərkən hərəkət bir zolaqla "
        "məhdudlaşdırılacaq. Bu barədə regional yol agentliyi məlumat verib.",
        [
            "<strong>{town_up}</strong> ({source}) — {town} ilə {town2} arasındakı yolda örtük "
            "dəyişdirilərkən {n1} gün ərzində hərəkət bir zolaqla məhdudlaşdırılacaq. Bu barədə "
            "{weekday} regional yol agentliyi məlumat yayıb.",
            "İşlər saat 8:00-dan 20:00-dək aparılacaq. Sürücülərə əlavə vaxt ayırmaq və ya şimal "
            "dolama yolundan istifadə etmək tövsiyə olunur. Yeniliklər " + LINK + "agentliyin "
            "saytında</a> dərc olunacaq.",
            "> “Ən az hərəkət olan mövsümü seçmişik və bir zolaq həmişə açıq qalacaq”, — deyə "
            "agentliyin sözçüsü {p1} bildirib.",
            "Bu yoldan gündə təxminən {n4} nəqliyyat vasitəsi keçir.",
        ],
    ),
    ru=text(
        "Дорогу между городами {town} и {town2} на {n1} дней сузят до одной полосы",
        "Движение на дороге между городами {town} и {town2} ограничат одной полосой на время "
        "замены покрытия, сообщило региональное дорожное агентство.",
        [
            "<strong>{town_up}</strong> ({source}) — Движение на дороге между городами {town} и "
            "{town2} на {n1} дней ограничат одной полосой на время замены покрытия, сообщило "
            "{weekday} региональное дорожное агентство.",
            "Работы будут вестись с 8:00 до 20:00. Водителям советуют закладывать дополнительное "
            "время или пользоваться северным объездом. Новости будут публиковаться на "
            + LINK
            + "сайте агентства</a>.",
            "> «Мы выбрали сезон с наименьшим движением, и одна полоса всё время будет открыта», — "
            "сказал{p1_v} представитель агентства {p1}.",
            "По дороге ежедневно проезжают около {n4} автомобилей.",
        ],
    ),
)

HEALTH_CHECKS = story(
    "society",
    Genre.NEWS,
    weight=3,
    en=text(
        "{town} offers free health checks to residents over 60",
        "Residents of {town} aged over 60 can book a free health check at {n1} clinics from this "
        "month, the municipal health department said.",
        [
            "The checks include blood pressure, blood sugar and an eye test, and take about half "
            "an hour. Appointments can be booked by phone or on the " + LINK + "municipal "
            "portal</a>.",
            "> “Many problems we see late could have been found with a simple test. We want to "
            "meet people before they need us,” said {p1}, who heads the department.",
            "## Mobile teams for villages",
            "Two mobile teams will visit villages around {town} on a published timetable. Last "
            "year a similar programme in {town2} examined {n3} people and referred about {pct}% "
            "of them for further tests.",
            "Volunteers from local schools will help older residents who do not use the internet "
            "to book appointments.",
        ],
    ),
    az=text(
        "{town} şəhərində 60 yaşdan yuxarı sakinlər pulsuz tibbi müayinədən keçə biləcək",
        "Bələdiyyənin səhiyyə şöbəsinin məlumatına görə, bu aydan {town} şəhərinin 60 yaşdan "
        "yuxarı sakinləri {n1} klinikada pulsuz müayinəyə yazıla bilərlər.",
        [
            "Müayinəyə qan təzyiqinin, qanda şəkərin ölçülməsi və göz testi daxildir və təxminən "
            "yarım saat çəkir. Qəbula telefonla və ya " + LINK + "bələdiyyə portalında</a> "
            "yazılmaq olar.",
            "> “Gec aşkar etdiyimiz bir çox problemi sadə testlə tapmaq olardı. İnsanlarla onlar "
            "bizə ehtiyac duymazdan əvvəl görüşmək istəyirik”, — deyə şöbənin rəhbəri {p1} "
            "bildirib.",
            "## Kəndlər üçün səyyar briqadalar",
            "İki səyyar briqada dərc olunmuş cədvəl üzrə {town} ətrafındakı kəndlərə gedəcək. "
            "Keçən il {town2} şəhərində oxşar proqram çərçivəsində {n3} nəfər müayinə olunub, "
            "onların təxminən {pct}%-i əlavə testlərə göndərilib.",
            "Yerli məktəblərin könüllüləri internetdən istifadə etməyən yaşlı sakinlərə qəbula "
            "yazılmağa kömək edəcək.",
        ],
    ),
    ru=text(
        "В городе {town} жителям старше 60 лет предложили бесплатное обследование",
        "Жители города {town} старше 60 лет с этого месяца могут записаться на бесплатное "
        "обследование в {n1} поликлиниках, сообщил муниципальный отдел здравоохранения.",
        [
            "Обследование включает измерение давления и сахара в крови, а также проверку зрения "
            "и занимает около получаса. Записаться можно по телефону или на "
            + LINK
            + "муниципальном портале</a>.",
            "> «Многие проблемы, которые мы видим слишком поздно, можно было обнаружить простым "
            "анализом. Мы хотим встречаться с людьми раньше, чем мы им понадобимся», — "
            "сказал{p1_v} руководитель отдела {p1}.",
            "## Выездные бригады для сёл",
            "Две выездные бригады будут посещать сёла вокруг города {town} по опубликованному "
            "графику. В прошлом году похожая программа в городе {town2} обследовала {n3} человек, "
            "около {pct}% из них направили на дополнительные анализы.",
            "Волонтёры из местных школ помогут записаться пожилым жителям, которые не пользуются "
            "интернетом.",
        ],
    ),
)

STORIES = (NEW_FACILITY, LIBRARY_HOURS, ROAD_WORKS_WIRE, HEALTH_CHECKS)
