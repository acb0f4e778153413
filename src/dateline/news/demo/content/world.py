# Azerbaijani and Cyrillic letters and typographic quotes are this file's content.
# ruff: noqa: RUF001
"""World: invented international bodies, regional trade and appointments."""

from dateline.news.demo.story import story, text
from dateline.news.models import Genre

LINK = '<a href="https://example.org/{link}">'

# International bodies that do not exist; the “Inland Sea” is ours too.
BODIES = [
    {
        "en": "Inland Sea Cooperation Council",
        "az": "Daxili Dəniz Əməkdaşlıq Şurası",
        "az_gen": "Daxili Dəniz Əməkdaşlıq Şurasının",
        "ru": "Совет сотрудничества Внутреннего моря",
        "ru_gen": "Совета сотрудничества Внутреннего моря",
    },
    {
        "en": "Northern Rivers Commission",
        "az": "Şimal Çayları Komissiyası",
        "az_gen": "Şimal Çayları Komissiyasının",
        "ru": "Комиссия северных рек",
        "ru_gen": "Комиссии северных рек",
    },
    {
        "en": "Mountain Regions Partnership",
        "az": "Dağ Regionları Tərəfdaşlığı",
        "az_gen": "Dağ Regionları Tərəfdaşlığının",
        "ru": "Партнёрство горных регионов",
        "ru_gen": "Партнёрства горных регионов",
    },
]

FLOOD_WARNINGS = story(
    "world",
    Genre.NEWS,
    weight=4,
    pools={"body": BODIES},
    en=text(
        "{body} meeting ends with deal on shared flood warnings",
        "Delegations from {n1} member states agreed to share river-level data in real time, a "
        "step officials said would give towns downstream hours of extra warning.",
        [
            "The agreement was adopted at the close of a two-day meeting in {town}. It commits "
            "members to connect their measuring stations to a common network within two years "
            "and to publish the data openly.",
            "> “Water does not stop at a border, and neither should information about it,” said "
            "{p1}, who chaired the meeting.",
            "## What happens next",
            "Technical teams will meet in the autumn to agree on data formats. The secretariat "
            "puts the cost of the network at {money}, to be shared according to a formula set "
            "out in the " + LINK + "final communiqué</a>.",
            "Environmental groups that observed the talks welcomed the deal but asked for a clear "
            "timetable. {p2}, who attended for a regional conservation network, called it “a good "
            "first page of a long book”.",
            "The next meeting of the {body} is due to take place next spring.",
        ],
    ),
    az=text(
        "{body_gen} iclası daşqın xəbərdarlıqlarının mübadiləsi barədə razılaşma ilə başa çatıb",
        "{n1} üzv dövlətin nümayəndə heyətləri çaylarda su səviyyəsi barədə məlumatları real "
        "vaxtda paylaşmağa razılaşıb. Rəsmilərin sözlərinə görə, bu, aşağı axındakı şəhərlərə "
        "bir neçə saat əlavə xəbərdarlıq vaxtı verəcək.",
        [
            "Razılaşma {town} şəhərində keçirilən iki günlük iclasın yekununda qəbul olunub. "
            "Sənədə əsasən, üzvlər iki il ərzində ölçmə stansiyalarını ümumi şəbəkəyə qoşmalı və "
            "məlumatları açıq dərc etməlidirlər.",
            "> “Su sərhəddə dayanmır, onun haqqında məlumat da dayanmamalıdır”, — deyə iclasa "
            "sədrlik edən {p1} bildirib.",
            "## Bundan sonra nə olacaq",
            "Texniki qruplar payızda məlumat formatlarını razılaşdırmaq üçün görüşəcək. "
            "Katibliyin hesablamalarına görə, şəbəkənin dəyəri {money} təşkil edir və xərclər "
            + LINK
            + "yekun kommünikedə</a> göstərilən düstura uyğun bölüşdürüləcək.",
            "Danışıqları izləyən ekoloji qruplar razılaşmanı alqışlasa da, aydın cədvəl tələb "
            "edib. Regional təbiəti mühafizə şəbəkəsini təmsil edən {p2} bunu “uzun kitabın "
            "yaxşı ilk səhifəsi” adlandırıb.",
            "{body_gen} növbəti iclasının gələn yaz keçirilməsi gözlənilir.",
        ],
    ),
    ru=text(
        "Встреча {body_gen} завершилась соглашением об обмене предупреждениями о паводках",
        "Делегации {n1} государств-членов договорились в реальном времени обмениваться данными "
        "об уровне воды в реках. По словам официальных лиц, это даст городам ниже по течению "
        "несколько лишних часов на подготовку.",
        [
            "Соглашение приняли по итогам двухдневной встречи в городе {town}. Оно обязывает "
            "участников в течение двух лет подключить свои измерительные станции к общей сети и "
            "публиковать данные в открытом доступе.",
            "> «Вода не останавливается на границе, и информация о ней тоже не должна», — "
            "сказал{p1_v} председатель встречи {p1}.",
            "## Что дальше",
            "Технические группы встретятся осенью, чтобы согласовать форматы данных. Секретариат "
            "оценивает стоимость сети в {money}; расходы распределят по формуле, изложенной в "
            + LINK
            + "итоговом коммюнике</a>.",
            "Наблюдавшие за переговорами экологические организации приветствовали соглашение, но "
            "попросили чёткий график. {p2}, представитель региональной природоохранной сети, "
            "назвал{p2_v} его «хорошей первой страницей длинной книги».",
            "Следующая встреча {body_gen} должна пройти будущей весной.",
        ],
    ),
)

SMALL_PORTS = story(
    "world",
    Genre.ANALYSIS,
    weight=3,
    en=text(
        "Analysis: small ports are taking a bigger share of regional trade",
        "Cargo through smaller harbours on the Inland Sea grew {pct}% last year. Cheaper fees, "
        "shorter queues and new rail links explain the shift.",
        [
            "For decades, most cargo in the region passed through a few large hubs. That is "
            "changing. Figures compiled by {institute} show that smaller ports handled {n3} "
            "containers last year, a record.",
            "The reasons are practical. Waiting times at the big terminals have grown, while "
            "smaller harbours such as {town} have invested in cranes and in rail connections "
            "inland.",
            "> “Shippers do not care how famous a port is. They care how long the truck waits at "
            "the gate,” said {p1}, a transport economist at {institute}.",
            "## Limits to growth",
            "Smaller ports still face shallow water, limited storage and a shortage of trained "
            "crane operators. A " + LINK + "study published this year</a> estimated that dredging "
            "and training would cost about {money}.",
            "Whether the trend lasts depends on rail. If freight trains run on time, the smaller "
            "ports will keep growing; if not, cargo will drift back to the hubs.",
        ],
    ),
    az=text(
        "Təhlil: kiçik limanlar regional ticarətdə daha böyük pay qazanır",
        "Daxili Dənizdəki kiçik limanlardan keçən yüklərin həcmi ötən il {pct}% artıb. Bunu "
        "ucuz rüsumlar, qısa növbələr və yeni dəmir yolu xətləri izah edir.",
        [
            "Onilliklər boyu bölgədəki yüklərin çoxu bir neçə böyük mərkəzdən keçirdi. Bu, "
            "dəyişir. {institute_gen} topladığı rəqəmlər göstərir ki, kiçik limanlar ötən il "
            "rekord sayda — {n3} konteyner qəbul edib.",
            "Səbəblər praktikdir. Böyük terminallarda gözləmə müddəti artıb, {town} kimi kiçik "
            "limanlar isə kranlara və ölkə içərisinə gedən dəmir yolu əlaqələrinə sərmayə "
            "qoyublar.",
            "> “Yükgöndərənləri limanın nə qədər məşhur olması maraqlandırmır. Onları yük "
            "maşınının darvazada nə qədər gözləməsi maraqlandırır”, — deyə {institute_gen} "
            "nəqliyyat iqtisadçısı {p1} bildirib.",
            "## Artımın hədləri",
            "Kiçik limanlar hələ də dayaz su, məhdud anbar sahəsi və hazırlıqlı kran "
            "operatorlarının çatışmazlığı ilə üzləşir. " + LINK + "Bu il dərc olunan "
            "araşdırmada</a> dibin dərinləşdirilməsi və təlimlərin təxminən {money} tələb "
            "edəcəyi hesablanıb.",
            "Tendensiyanın davam edib-etməyəcəyi dəmir yolundan asılıdır. Yük qatarları vaxtında "
            "işləsə, kiçik limanlar böyüməyə davam edəcək; əks halda yüklər yenidən böyük "
            "mərkəzlərə qayıdacaq.",
        ],
    ),
    ru=text(
        "Анализ: малые порты забирают всё большую долю региональной торговли",
        "Грузооборот малых гаваней Внутреннего моря в прошлом году вырос на {pct}%. Сдвиг "
        "объясняют более низкие сборы, короткие очереди и новые железнодорожные линии.",
        [
            "Десятилетиями большая часть грузов в регионе шла через несколько крупных узлов. "
            "Теперь это меняется. По данным {institute_gen}, малые порты в прошлом году "
            "обработали рекордные {n3} контейнеров.",
            "Причины практические. Время ожидания на крупных терминалах выросло, а малые гавани, "
            "такие как {town}, вложились в краны и железнодорожное сообщение с материком.",
            "> «Грузоотправителям неважно, насколько знаменит порт. Им важно, сколько грузовик "
            "ждёт у ворот», — сказал{p1_v} экономист-транспортник {institute_gen} {p1}.",
            "## Пределы роста",
            "Малым портам по-прежнему мешают мелководье, нехватка складов и обученных "
            "крановщиков. В " + LINK + "исследовании, опубликованном в этом году</a>, "
            "дноуглубление и обучение оценены примерно в {money}.",
            "Продолжится ли тенденция, зависит от железной дороги. Если грузовые поезда будут "
            "ходить по расписанию, малые порты продолжат расти; если нет, грузы вернутся в "
            "крупные узлы.",
        ],
    ),
)

APPOINTMENT_WIRE = story(
    "world",
    Genre.AGENCY,
    weight=2,
    pools={"body": BODIES},
    en=text(
        "{body} appoints {p1} as secretary general",
        "The {body} has appointed {p1} as its secretary general for a four-year term, the "
        "organisation said.",
        [
            "<strong>{town_up}</strong> ({source}) — The {body} has appointed {p1} as its "
            "secretary general for a four-year term, the organisation said in a statement "
            "{weekday}.",
            "{p1_last} previously led the organisation’s technical secretariat and has worked on "
            "water management for more than {n1} years. The appointment takes effect next month.",
            "> “My first task is to make our data useful to the towns that need it most,” "
            "{p1_last} said in the statement.",
            "The {body} brings together government agencies, universities and municipalities "
            "from a dozen countries. The statement is available on its " + LINK + "website</a>.",
        ],
    ),
    az=text(
        "{p1} {body_gen} baş katibi təyin olunub",
        "{p1} dörd illik müddətə {body_gen} baş katibi təyin olunub. Bu barədə təşkilat "
        "məlumat yayıb.",
        [
            "<strong>{town_up}</strong> ({source}) — {p1} dörd illik müddətə {body_gen} baş "
            "katibi təyin olunub. Bu barədə təşkilatın {weekday} yaydığı bəyanatda bildirilir.",
            "{p1_last} əvvəllər təşkilatın texniki katibliyinə rəhbərlik edib və {n1} ildən çoxdur "
            "ki, su ehtiyatlarının idarə olunması sahəsində çalışır. Təyinat gələn aydan qüvvəyə "
            "minir.",
            "> “İlk vəzifəm məlumatlarımızı onlara ən çox ehtiyacı olan şəhərlər üçün faydalı "
            "etməkdir”, — deyə {p1_last} bəyanatda bildirib.",
            "{body} bir çox ölkənin dövlət qurumlarını, universitetlərini və bələdiyyələrini "
            "birləşdirir. Bəyanatla təşkilatın " + LINK + "saytında</a> tanış olmaq olar.",
        ],
    ),
    ru=text(
        "Генеральным секретарём {body_gen} назначен{p1_v} {p1}",
        "{p1} назначен{p1_v} генеральным секретарём {body_gen} на четырёхлетний срок, сообщила "
        "организация.",
        [
            "<strong>{town_up}</strong> ({source}) — {p1} назначен{p1_v} генеральным секретарём "
            "{body_gen} на четырёхлетний срок, говорится в заявлении организации, "
            "распространённом {weekday}.",
            "Ранее {p1_last} руководил{p1_v} техническим секретариатом организации и более {n1} "
            "лет занимается управлением водными ресурсами. Назначение вступает в силу со "
            "следующего месяца.",
            "> «Моя первая задача — сделать наши данные полезными для городов, которым они нужнее "
            "всего», — говорится в заявлении.",
            "Организация объединяет государственные ведомства, университеты и муниципалитеты "
            "примерно десятка стран. С заявлением можно ознакомиться на " + LINK + "её "
            "сайте</a>.",
        ],
    ),
)

STORIES = (FLOOD_WARNINGS, SMALL_PORTS, APPOINTMENT_WIRE)
