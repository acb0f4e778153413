# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""Sport: invented clubs, a chess coach and a wrestling championship."""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

MATCH_REPORT = story(
    "sport",
    Genre.NEWS,
    weight=4,
    en=text(
        "{club1} beat {club2} {score_a}–{score_b} to climb the table",
        "{p1} opened the scoring as {club1} beat {club2} at home {weekday} and moved into the "
        "top half of the league.",
        [
            "The hosts took the lead after {m1} minutes when {p1} finished a low cross from the "
            "left. {club2} had chances before the break but could not beat the goalkeeper.",
            "The second half belonged to the home side. {p2} made it safe after {m2} minutes, "
            "and the visitors’ late pressure never turned into a comeback.",
            "> “We were patient and we defended as a team. That is what wins games in this "
            "league,” said the {club1} coach, {p3}.",
            "## The table",
            "The win lifts {club1} into the top half of the table, while {club2} have now gone "
            "three games without a win. Full results are on the " + LINK + "league’s "
            "website</a>.",
        ],
    ),
    az=text(
        "{club1} {club2} üzərində {score_a}:{score_b} hesablı qələbə qazanıb",
        "{club1} {weekday} öz meydanında {club2} komandasını məğlub edərək liqanın ilk "
        "yarısına yüksəlib. Hesabı {p1} açıb.",
        [
            "Ev sahibləri {m1_ord} dəqiqədə önə keçiblər: {p1} soldan edilən ötürməni dəqiq "
            "tamamlayıb. {club2} fasiləyə qədər imkanlar yaratsa da, qapıçını keçə bilməyib.",
            "İkinci hissədə üstünlük ev sahiblərində olub. {p2} {m2_ord} dəqiqədə qələbəni "
            "möhkəmləndirib, qonaqların son dəqiqələrdəki təzyiqi isə nəticə verməyib.",
            "> “Səbirli olduq və komanda kimi müdafiə olunduq. Bu liqada oyunları belə "
            "qazanırlar”, — deyə {club1} komandasının baş məşqçisi {p3} bildirib.",
            "## Turnir cədvəli",
            "Bu qələbə ilə {club1} cədvəlin ilk yarısına yüksəlib, {club2} isə artıq üç oyundur "
            "qalib gələ bilmir. Bütün nəticələr " + LINK + "liqanın saytındadır</a>.",
        ],
    ),
    ru=text(
        "{club1} обыграл {club2} со счётом {score_a}:{score_b} и поднялся в таблице",
        "{club1} {weekday} дома обыграл {club2} и поднялся в верхнюю половину турнирной "
        "таблицы. Счёт открыл{p1_v} {p1}.",
        [
            "Хозяева повели в счёте на {m1}-й минуте: {p1} замкнул{p1_v} низовую передачу слева. "
            "У {club2} были моменты до перерыва, но обыграть вратаря гостям не удалось.",
            "Второй тайм прошёл за хозяевами. {p2} на {m2}-й минуте упрочил{p2_v} преимущество, а "
            "поздний натиск гостей так и не принёс результата.",
            "> «Мы были терпеливы и оборонялись всей командой. Именно так в этой лиге выигрывают "
            "матчи», — сказал{p3_v} главный тренер {club1} {p3}.",
            "## Турнирная таблица",
            "Победа подняла {club1} в верхнюю половину таблицы, а {club2} не выигрывает уже три "
            "матча подряд. Все результаты — на " + LINK + "сайте лиги</a>.",
        ],
    ),
)

CHESS_COACH = story(
    "sport",
    Genre.INTERVIEW,
    weight=2,
    en=text(
        "“Talent is common, patience is rare”: chess coach {p1} on training young players",
        "{p1} has coached the junior chess team in {town} for {n1} years. We talked about "
        "talent, screens and the value of losing.",
        [
            "<strong>Dateline:</strong> How do you spot a talented child?",
            "<strong>{p1_last}:</strong> I don’t look for the child who wins quickly. I look for "
            "the one who sits still after a loss and wants to see the game again.",
            "<strong>Dateline:</strong> Do computers make your job easier?",
            "<strong>{p1_last}:</strong> They answer questions faster than I can. But a program "
            "will not tell a ten-year-old why she panicked in a good position. That part is still "
            "mine.",
            "## “Losing is homework”",
            "<strong>Dateline:</strong> What do you tell parents?",
            "<strong>{p1_last}:</strong> That a lost game is homework, not a verdict. We play "
            "{n2} tournament games a season, and every one is written down and reviewed. Our "
            + LINK
            + "club page</a> lists the schedule.",
            "<em>The interview has been edited for length and clarity.</em>",
        ],
    ),
    az=text(
        "“İstedad çoxdur, səbir azdır”: şahmat məşqçisi {p1} gənc oyunçuların hazırlığı barədə",
        "{p1} {n1} ildir ki, {town} şəhərinin yeniyetmələrdən ibarət şahmat komandasını "
        "çalışdırır. İstedad, ekranlar və məğlubiyyətin dəyəri barədə danışdıq.",
        [
            "<strong>Dateline:</strong> İstedadlı uşağı necə tanıyırsınız?",
            "<strong>{p1_last}:</strong> Tez qalib gələn uşağı axtarmıram. Məğlubiyyətdən sonra "
            "sakitcə oturub oyuna yenidən baxmaq istəyən uşağı axtarıram.",
            "<strong>Dateline:</strong> Kompüterlər işinizi asanlaşdırırmı?",
            "<strong>{p1_last}:</strong> Onlar suallara məndən tez cavab verir. Amma proqram on "
            "yaşlı uşağa yaxşı mövqedə niyə həyəcanlandığını izah etməyəcək. Bu hissə hələ də "
            "mənimdir.",
            "## “Məğlubiyyət ev tapşırığıdır”",
            "<strong>Dateline:</strong> Valideynlərə nə deyirsiniz?",
            "<strong>{p1_last}:</strong> Uduzulmuş oyun hökm deyil, ev tapşırığıdır. Mövsümdə "
            "{n2} turnir oyunu oynayırıq və hər biri yazılıb təhlil olunur. Cədvəl "
            + LINK
            + "klubun səhifəsindədir</a>.",
            "<em>Müsahibə qısaldılıb və redaktə olunub.</em>",
        ],
    ),
    ru=text(
        "«Талант встречается часто, терпение — редко»: шахматный тренер {p1} о юных игроках",
        "{p1} уже {n1} лет тренирует юношескую шахматную команду города {town}. Мы поговорили "
        "о таланте, экранах и пользе поражений.",
        [
            "<strong>Dateline:</strong> Как вы замечаете талантливого ребёнка?",
            "<strong>{p1_last}:</strong> Я ищу не того, кто быстро выигрывает, а того, кто после "
            "поражения сидит спокойно и хочет посмотреть партию ещё раз.",
            "<strong>Dateline:</strong> Компьютеры облегчают вашу работу?",
            "<strong>{p1_last}:</strong> Они отвечают на вопросы быстрее меня. Но программа не "
            "объяснит десятилетней девочке, почему она запаниковала в хорошей позиции. Эта часть "
            "по-прежнему моя.",
            "## «Поражение — это домашнее задание»",
            "<strong>Dateline:</strong> Что вы говорите родителям?",
            "<strong>{p1_last}:</strong> Что проигранная партия — домашнее задание, а не "
            "приговор. За сезон мы играем {n2} турнирных партий, и каждая записывается и "
            "разбирается. Расписание — на " + LINK + "странице клуба</a>.",
            "<em>Интервью сокращено и отредактировано.</em>",
        ],
    ),
)

WRESTLING_WIRE = story(
    "sport",
    Genre.AGENCY,
    weight=3,
    en=text(
        "{p1} wins regional wrestling title in {town}",
        "{p1} won the regional wrestling championship in {town}, beating {p2} in the final, "
        "organisers said.",
        [
            "<strong>{town_up}</strong> ({source}) — {p1} of {club1} won the regional wrestling "
            "championship in {town} {weekday}, beating {p2} in the final, organisers said.",
            "More than {n2} athletes from {n1} towns took part in the three-day event.",
            "> “I lost in the semi-final last year. This year I trained for exactly this match,” "
            "{p1_last} said.",
            "The top three in each weight class qualify for the national championship next month. "
            "The " + LINK + "full results</a> are published by the organisers.",
        ],
    ),
    az=text(
        "{p1} {town} şəhərində güləş üzrə regional çempion olub",
        "Təşkilatçıların məlumatına görə, {p1} finalda {p2} üzərində qələbə qazanaraq {town} "
        "şəhərində keçirilən regional güləş çempionatının qalibi olub.",
        [
            "<strong>{town_up}</strong> ({source}) — {club1} klubunu təmsil edən {p1} {weekday} "
            "finalda {p2} üzərində qələbə qazanaraq {town} şəhərində keçirilən regional güləş "
            "çempionatının qalibi olub. Bu barədə təşkilatçılar məlumat verib.",
            "Üç günlük yarışda {n1} şəhərdən {n2} nəfərdən çox idmançı iştirak edib.",
            "> “Keçən il yarımfinalda uduzmuşdum. Bu il məhz bu görüşə hazırlaşırdım”, — deyə "
            "{p1_last} bildirib.",
            "Hər çəki dərəcəsində ilk üç yeri tutanlar gələn ay keçiriləcək ölkə çempionatına "
            "vəsiqə qazanıb. " + LINK + "Tam nəticələr</a> təşkilatçılar tərəfindən dərc olunub.",
        ],
    ),
    ru=text(
        "{p1} выиграл{p1_v} региональный чемпионат по борьбе в городе {town}",
        "{p1} выиграл{p1_v} региональный чемпионат по борьбе в городе {town}. В финале "
        "соперником был{p2_v} {p2}, сообщили организаторы.",
        [
            "<strong>{town_up}</strong> ({source}) — Представитель клуба {club1} {p1} {weekday} "
            "выиграл{p1_v} региональный чемпионат по борьбе в городе {town}. В финале "
            "соперником был{p2_v} {p2}, сообщили организаторы.",
            "В трёхдневных соревнованиях участвовали более {n2} спортсменов из {n1} городов.",
            "> «В прошлом году я проиграл{p1_v} в полуфинале. В этом году вся подготовка была "
            "именно к этой схватке», — сказал{p1_v} {p1_last}.",
            "Призёры в каждой весовой категории получили право выступить на национальном "
            "чемпионате в следующем месяце. " + LINK + "Полные результаты</a> опубликовали "
            "организаторы.",
        ],
    ),
)

STORIES = (MATCH_REPORT, CHESS_COACH, WRESTLING_WIRE)
