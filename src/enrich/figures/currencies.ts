/*
 * Every ISO 4217 currency (and the withdrawn ones older news still names,
 * and bitcoin under its common code BTC, which ISO does not assign),
 * with its names in English, Japanese and Korean and its signs. Names that
 * several currencies share (dollar, peso, franc, ¥, kr …) are in
 * AMBIGUOUS with a default and the countries where they mean something else;
 * the reader resolves them by a prefix written with them (HK$, C$), by a
 * nationality word (Australian dollars, 香港ドル, 홍콩 달러), or by the
 * outlet's country, in that order.
 *
 * One line per currency: CODE|minor-unit exponent|English names|Japanese names|Korean names|signs
 * (lists comma-separated; the first English name is the canonical one).
 * English names are given in the singular; plurals are derived (dollar →
 * dollars, and the irregular ones listed in PLURALS). Japanese names with ・
 * also match without it, Korean names with a space also match without it.
 */

export interface Currency {
  code: string;
  /** Digits of the minor unit (2: cents). */
  exponent: number;
  en: string[];
  ja: string[];
  ko: string[];
  /** Signs written before or after the number: ₦, NT$, zł. */
  signs: string[];
}

const TABLE = `
AED|2|UAE dirham,Emirati dirham,United Arab Emirates dirham|UAEディルハム,アラブ首長国連邦ディルハム|UAE 디르함,아랍에미리트 디르함|د.إ,Dhs
AFN|2|Afghan afghani,afghani|アフガニ|아프가니|؋
ALL|2|Albanian lek,lek|レク,アルバニア・レク|레크,알바니아 레크|
AMD|2|Armenian dram,dram|アルメニア・ドラム|드람,아르메니아 드람|֏
ANG|2|Netherlands Antillean guilder|アンティル・ギルダー|네덜란드령 안틸레스 휠던|NAƒ
AOA|2|Angolan kwanza,kwanza|クワンザ|콴자|
ARS|2|Argentine peso,Argentinian peso|アルゼンチン・ペソ|아르헨티나 페소|AR$
AUD|2|Australian dollar,Aussie dollar|豪ドル,オーストラリア・ドル|호주 달러,오스트레일리아 달러|A$,AU$,AUD$
AWG|2|Aruban florin|アルバ・フロリン|아루바 플로린|
AZN|2|Azerbaijani manat|アゼルバイジャン・マナト|아제르바이잔 마나트|₼
BAM|2|convertible mark,Bosnia and Herzegovina convertible mark|兌換マルク|태환 마르크|
BBD|2|Barbadian dollar,Barbados dollar|バルバドス・ドル|바베이도스 달러|Bds$
BDT|2|Bangladeshi taka,taka|タカ,バングラデシュ・タカ|타카,방글라데시 타카|৳
BGN|2|Bulgarian lev,lev|レフ,ブルガリア・レフ|레프,불가리아 레프|лв
BHD|3|Bahraini dinar|バーレーン・ディナール|바레인 디나르|
BIF|0|Burundian franc|ブルンジ・フラン|부룬디 프랑|
BMD|2|Bermudian dollar,Bermuda dollar|バミューダ・ドル|버뮤다 달러|BD$
BND|2|Brunei dollar|ブルネイ・ドル|브루나이 달러|B$
BOB|2|Bolivian boliviano,boliviano|ボリビアーノ|볼리비아노|
BRL|2|Brazilian real|レアル,ブラジル・レアル|헤알,브라질 헤알|R$
BSD|2|Bahamian dollar|バハマ・ドル|바하마 달러|
BTN|2|Bhutanese ngultrum,ngultrum|ニュルタム|눌트럼|
BWP|2|Botswana pula,pula|ボツワナ・プラ|풀라|
BYN|2|Belarusian ruble,Belarusian rouble|ベラルーシ・ルーブル|벨라루스 루블|Br
BZD|2|Belize dollar|ベリーズ・ドル|벨리즈 달러|BZ$
CAD|2|Canadian dollar|カナダ・ドル,加ドル|캐나다 달러|C$,CA$,CAD$,Can$
CDF|2|Congolese franc|コンゴ・フラン|콩고 프랑|
CHF|2|Swiss franc|スイス・フラン|스위스 프랑|SFr
CLP|0|Chilean peso|チリ・ペソ|칠레 페소|CLP$
CNY|2|Chinese yuan,yuan,renminbi,Chinese renminbi,rmb|人民元,中国元|위안,위안화,중국 위안,인민폐|CN¥,RMB
COP|2|Colombian peso|コロンビア・ペソ|콜롬비아 페소|COL$
CRC|2|Costa Rican colón,Costa Rican colon|コスタリカ・コロン|코스타리카 콜론|₡
CUP|2|Cuban peso|キューバ・ペソ|쿠바 페소|
CVE|2|Cape Verdean escudo|カーボベルデ・エスクード|카보베르데 에스쿠도|
CZK|2|Czech koruna,Czech crown|チェコ・コルナ|체코 코루나|Kč
DJF|0|Djiboutian franc|ジブチ・フラン|지부티 프랑|
DKK|2|Danish krone,Danish crown|デンマーク・クローネ|덴마크 크로네|
DOP|2|Dominican peso|ドミニカ・ペソ|도미니카 페소|RD$
DZD|2|Algerian dinar|アルジェリア・ディナール|알제리 디나르|
EGP|2|Egyptian pound|エジプト・ポンド|이집트 파운드|E£
ERN|2|Eritrean nakfa,nakfa|ナクファ|낙파|
ETB|2|Ethiopian birr,birr|エチオピア・ブル|비르,에티오피아 비르|
EUR|2|euro|ユーロ|유로,유로화|€
FJD|2|Fijian dollar,Fiji dollar|フィジー・ドル|피지 달러|FJ$
FKP|2|Falkland Islands pound|フォークランド諸島ポンド|포클랜드 제도 파운드|
GBP|2|British pound,pound sterling,sterling|英ポンド,スターリング・ポンド|영국 파운드|
GEL|2|Georgian lari,lari|ラリ,ジョージア・ラリ|라리,조지아 라리|₾
GHS|2|Ghanaian cedi,cedi|セディ,ガーナ・セディ|세디,가나 세디|GH₵,₵
GIP|2|Gibraltar pound|ジブラルタル・ポンド|지브롤터 파운드|
GMD|2|Gambian dalasi,dalasi|ダラシ|달라시|
GNF|0|Guinean franc|ギニア・フラン|기니 프랑|
GTQ|2|Guatemalan quetzal,quetzal|ケツァル|케찰|
GYD|2|Guyanese dollar|ガイアナ・ドル|가이아나 달러|G$
HKD|2|Hong Kong dollar|香港ドル,ホンコン・ドル|홍콩 달러|HK$
HNL|2|Honduran lempira,lempira|レンピラ|렘피라|
HTG|2|Haitian gourde,gourde|グールド|구르드|
HUF|2|Hungarian forint,forint|フォリント,ハンガリー・フォリント|포린트,헝가리 포린트|Ft
IDR|2|Indonesian rupiah,rupiah|ルピア,インドネシア・ルピア|루피아,인도네시아 루피아|Rp
ILS|2|Israeli shekel,Israeli new shekel,new shekel,shekel|シェケル,新シェケル,イスラエル・シェケル|셰켈,이스라엘 셰켈|₪,NIS
INR|2|Indian rupee|インド・ルピー|인도 루피|₹
IQD|3|Iraqi dinar|イラク・ディナール|이라크 디나르|
IRR|2|Iranian rial|イラン・リアル|이란 리알|
ISK|0|Icelandic krona,Icelandic króna|アイスランド・クローナ|아이슬란드 크로나|
JMD|2|Jamaican dollar|ジャマイカ・ドル|자메이카 달러|J$
JOD|3|Jordanian dinar|ヨルダン・ディナール|요르단 디나르|
JPY|0|Japanese yen,yen|円,日本円|엔,엔화,일본 엔|
KES|2|Kenyan shilling|ケニア・シリング|케냐 실링|KSh
KGS|2|Kyrgyzstani som,Kyrgyz som|キルギス・ソム|키르기스스탄 솜|
KHR|2|Cambodian riel,riel|リエル|리엘|៛
KMF|0|Comorian franc|コモロ・フラン|코모로 프랑|
KPW|2|North Korean won|北朝鮮ウォン|북한 원|
KRW|0|South Korean won,Korean won,won|ウォン,韓国ウォン|원,원화|₩
KWD|3|Kuwaiti dinar|クウェート・ディナール|쿠웨이트 디나르|
KYD|2|Cayman Islands dollar|ケイマン諸島ドル|케이맨 제도 달러|CI$
KZT|2|Kazakhstani tenge,Kazakh tenge,tenge|テンゲ|텡게|₸
LAK|0|Lao kip,Laotian kip,kip|キープ,ラオス・キープ|킵,라오스 킵|₭
LBP|2|Lebanese pound|レバノン・ポンド|레바논 파운드|
LKR|2|Sri Lankan rupee|スリランカ・ルピー|스리랑카 루피|ரூ,SLRs
LRD|2|Liberian dollar|リベリア・ドル|라이베리아 달러|L$
LSL|2|Lesotho loti,loti|ロチ|로티|
LYD|3|Libyan dinar|リビア・ディナール|리비아 디나르|
MAD|2|Moroccan dirham|モロッコ・ディルハム|모로코 디르함|
MDL|2|Moldovan leu|モルドバ・レウ|몰도바 레우|
MGA|0|Malagasy ariary,ariary|アリアリ|아리아리|
MKD|2|Macedonian denar,denar|デナール,マケドニア・デナール|데나르|ден
MMK|0|Myanmar kyat,Burmese kyat,kyat|チャット,ミャンマー・チャット|짯,미얀마 짯|
MNT|2|Mongolian tugrik,tugrik,togrog|トゥグルク|투그릭|₮
MOP|2|Macanese pataca,pataca|パタカ,マカオ・パタカ|파타카|MOP$
MRU|2|Mauritanian ouguiya,ouguiya|ウギア|우기야|
MUR|2|Mauritian rupee|モーリシャス・ルピー|모리셔스 루피|
MVR|2|Maldivian rufiyaa,rufiyaa|ルフィヤ|루피야|
MWK|2|Malawian kwacha|マラウイ・クワチャ|말라위 콰차|
MXN|2|Mexican peso|メキシコ・ペソ|멕시코 페소|Mex$,MX$
MYR|2|Malaysian ringgit,ringgit|リンギット,マレーシア・リンギット|링깃,말레이시아 링깃|RM
MZN|2|Mozambican metical,metical|メティカル|메티칼|
NAD|2|Namibian dollar|ナミビア・ドル|나미비아 달러|N$
NGN|2|Nigerian naira,naira|ナイラ,ナイジェリア・ナイラ|나이라,나이지리아 나이라|₦
NIO|2|Nicaraguan córdoba,Nicaraguan cordoba,córdoba,cordoba|コルドバ|코르도바|
NOK|2|Norwegian krone,Norwegian crown|ノルウェー・クローネ|노르웨이 크로네|
NPR|2|Nepalese rupee,Nepali rupee|ネパール・ルピー|네팔 루피|
NZD|2|New Zealand dollar,NZ dollar|NZドル,ニュージーランド・ドル|뉴질랜드 달러|NZ$
OMR|3|Omani rial|オマーン・リアル|오만 리알|
PAB|2|Panamanian balboa,balboa|バルボア,パナマ・バルボア|발보아,파나마 발보아|B/.
PEN|2|Peruvian sol,nuevo sol|ソル,ペルー・ソル|페루 솔|S/
PGK|2|Papua New Guinean kina,kina|キナ|키나|
PHP|2|Philippine peso|フィリピン・ペソ|필리핀 페소|₱
PKR|2|Pakistani rupee|パキスタン・ルピー|파키스탄 루피|
PLN|2|Polish zloty,zloty|ズウォティ,ズロチ,ポーランド・ズウォティ|즐로티,폴란드 즐로티|zł
PYG|0|Paraguayan guaraní,Paraguayan guarani,guaraní,guarani|グアラニー|과라니|₲
QAR|2|Qatari riyal|カタール・リヤル|카타르 리얄|
RON|2|Romanian leu|ルーマニア・レウ|루마니아 레우|
RSD|2|Serbian dinar|セルビア・ディナール|세르비아 디나르|
RUB|2|Russian ruble,Russian rouble|ロシア・ルーブル|러시아 루블|₽
RWF|0|Rwandan franc|ルワンダ・フラン|르완다 프랑|
SAR|2|Saudi riyal|サウジ・リヤル,サウジアラビア・リヤル|사우디 리얄|
SBD|2|Solomon Islands dollar|ソロモン諸島ドル|솔로몬 제도 달러|SI$
SCR|2|Seychellois rupee|セーシェル・ルピー|세이셸 루피|
SDG|2|Sudanese pound|スーダン・ポンド|수단 파운드|
SEK|2|Swedish krona,Swedish crown|スウェーデン・クローナ|스웨덴 크로나|
SGD|2|Singapore dollar|シンガポール・ドル|싱가포르 달러|S$,SG$
SHP|2|Saint Helena pound|セントヘレナ・ポンド|세인트헬레나 파운드|
SLE|2|Sierra Leonean leone,leone|レオン|레온|
SOS|2|Somali shilling|ソマリア・シリング|소말리아 실링|Sh.So.
SRD|2|Surinamese dollar|スリナム・ドル|수리남 달러|Sr$
SSP|2|South Sudanese pound|南スーダン・ポンド|남수단 파운드|
STN|2|São Tomé and Príncipe dobra,dobra|ドブラ|도브라|
SVC|2|Salvadoran colón,Salvadoran colon|エルサルバドル・コロン|엘살바도르 콜론|
SYP|2|Syrian pound|シリア・ポンド|시리아 파운드|
SZL|2|Swazi lilangeni,lilangeni|リランゲニ|릴랑게니|
THB|2|Thai baht,baht|バーツ,タイ・バーツ|바트,태국 바트|฿
TJS|2|Tajikistani somoni,somoni|ソモニ|소모니|
TMT|2|Turkmenistani manat|トルクメニスタン・マナト|투르크메니스탄 마나트|
TND|3|Tunisian dinar|チュニジア・ディナール|튀니지 디나르|
TOP|2|Tongan paʻanga,Tongan pa'anga,pa'anga|パアンガ|팡가|T$
TRY|2|Turkish lira|トルコ・リラ|튀르키예 리라,터키 리라|₺
TTD|2|Trinidad and Tobago dollar|トリニダード・トバゴ・ドル|트리니다드 토바고 달러|TT$
TWD|2|New Taiwan dollar,Taiwan dollar,Taiwanese dollar|台湾ドル,ニュー台湾ドル,新台湾ドル|대만 달러,신대만 달러|NT$
TZS|2|Tanzanian shilling|タンザニア・シリング|탄자니아 실링|TSh
UAH|2|Ukrainian hryvnia,hryvnia,hryvna|フリヴニャ,グリブナ|흐리우냐|₴
UGX|0|Ugandan shilling|ウガンダ・シリング|우간다 실링|USh
USD|2|US dollar,U.S. dollar,United States dollar,American dollar|米ドル,USドル,アメリカ・ドル|미국 달러,미 달러,미화|US$,U.S.$,U$S
UYU|2|Uruguayan peso|ウルグアイ・ペソ|우루과이 페소|$U
UZS|2|Uzbekistani som,Uzbek som|ウズベキスタン・スム|우즈베키스탄 숨|
VES|2|Venezuelan bolívar,Venezuelan bolivar,bolívar,bolivar|ボリバル|볼리바르|Bs.S
VND|0|Vietnamese dong,dong|ドン,ベトナム・ドン|베트남 동|₫
VUV|0|Vanuatu vatu,vatu|バツ|바투|
WST|2|Samoan tala,tala|サモア・タラ|탈라|WS$
XAF|0|Central African CFA franc|中部アフリカCFAフラン|중앙아프리카 CFA 프랑|FCFA
XCD|2|East Caribbean dollar|東カリブ・ドル|동카리브 달러|EC$
XCG|2|Caribbean guilder|カリブ・ギルダー|카리브 휠던|Cg
XOF|0|West African CFA franc,CFA franc|西アフリカCFAフラン,CFAフラン|서아프리카 CFA 프랑,CFA 프랑|
XPF|0|CFP franc|CFPフラン|CFP 프랑|
YER|2|Yemeni rial|イエメン・リアル|예멘 리알|
ZAR|2|South African rand,rand|ランド,南アフリカ・ランド|랜드,남아프리카 공화국 랜드,남아공 랜드|
ZMW|2|Zambian kwacha|ザンビア・クワチャ|잠비아 콰차|
ZWG|2|Zimbabwe Gold,ZiG|ジンバブエ・ゴールド|짐바브웨 골드|ZiG
ZWL|2|Zimbabwean dollar|ジンバブエ・ドル|짐바브웨 달러|Z$
BTC|8|bitcoin|ビットコイン|비트코인|₿
SLL|2|old Sierra Leonean leone|旧レオン|구 레온|
HRK|2|Croatian kuna,kuna|クーナ,クロアチア・クーナ|쿠나,크로아티아 쿠나|kn
DEM|2|Deutsche Mark,German mark,Deutschmark|ドイツ・マルク|독일 마르크|DM
FRF|2|French franc|フランス・フラン|프랑스 프랑|
ITL|0|Italian lira|イタリア・リラ|이탈리아 리라|
ESP|0|Spanish peseta,peseta|ペセタ|페세타|
NLG|2|Dutch guilder,Netherlands guilder,guilder|オランダ・ギルダー|네덜란드 휠던|
FIM|2|Finnish markka,markka|マルッカ,フィンランド・マルッカ|핀란드 마르카,마르카|
BEF|0|Belgian franc|ベルギー・フラン|벨기에 프랑|
ATS|2|Austrian schilling|オーストリア・シリング|오스트리아 실링|
PTE|0|Portuguese escudo|ポルトガル・エスクード|포르투갈 에스쿠도|
GRD|0|Greek drachma,drachma|ドラクマ|드라크마|
IEP|2|Irish pound,punt|アイルランド・ポンド|아일랜드 파운드|
`;

/** English plurals that do not just add -s (and words that do not change). */
export const PLURALS: Record<string, string[]> = {
  real: ['reais', 'reals'], peso: ['pesos'], krona: ['kronor', 'kronur', 'kronas'], króna: ['krónur', 'kronur'], krone: ['kroner', 'krones'],
  lira: ['lire', 'liras'], leu: ['lei'], lev: ['leva'], sol: ['soles', 'sols'], 'nuevo sol': ['nuevos soles'],
  colón: ['colones', 'colóns'], colon: ['colones', 'colons'], quetzal: ['quetzales', 'quetzals'], córdoba: ['córdobas'], bolívar: ['bolívares', 'bolívars'],
  bolivar: ['bolivares', 'bolivars'], metical: ['meticais', 'meticals'], loti: ['maloti'], lilangeni: ['emalangeni'], naira: ['naira', 'nairas'],
  yen: ['yen'], won: ['won'], baht: ['baht'], yuan: ['yuan'], renminbi: ['renminbi'], rupiah: ['rupiah', 'rupiahs'], ringgit: ['ringgit', 'ringgits'],
  dong: ['dong'], kip: ['kip'], kyat: ['kyat', 'kyats'], tenge: ['tenge'], som: ['som', 'soms'], somoni: ['somoni'], taka: ['taka', 'takas'],
  rufiyaa: ['rufiyaa'], ngultrum: ['ngultrum', 'ngultrums'], birr: ['birr', 'birrs'], nakfa: ['nakfa'], pula: ['pula'], dalasi: ['dalasi'],
  ouguiya: ['ouguiya'], ariary: ['ariary'], vatu: ['vatu'], tala: ['tala'], kina: ['kina'], "pa'anga": ["pa'anga"], 'paʻanga': ['paʻanga'],
  denar: ['denars', 'denari'], markka: ['markkaa', 'markkas'], drachma: ['drachmas', 'drachmae'], lari: ['lari', 'laris'], dram: ['drams', 'dram'],
  sterling: ['sterling'], rand: ['rand', 'rands'], kwacha: ['kwacha'], hryvnia: ['hryvnias', 'hryvnia'], hryvna: ['hryvnas'], cedi: ['cedis', 'cedi'],
  guarani: ['guaranis', 'guaranies'], guaraní: ['guaraníes', 'guaranís'], euro: ['euros', 'euro'], koruna: ['korunas', 'koruny', 'korun'], tugrik: ['tugriks', 'tugrik'],
  'Deutsche Mark': ['Deutsche Marks', 'Deutsche Mark'], shekel: ['shekels', 'shekalim'], ZiG: ['ZiG'], lempira: ['lempiras'], punt: ['punts'],
};

/**
 * Words and signs several currencies share: the default, and where the
 * outlet's country (ISO 3166 alpha-2) makes it another.
 */
export interface AmbiguousName {
  default: string | null;
  byCountry: Record<string, string>;
}

const DOLLAR: AmbiguousName = {
  default: 'USD',
  byCountry: {
    AU: 'AUD', CA: 'CAD', NZ: 'NZD', SG: 'SGD', HK: 'HKD', TW: 'TWD', JM: 'JMD', BS: 'BSD', BB: 'BBD', BZ: 'BZD', BM: 'BMD', BN: 'BND',
    FJ: 'FJD', GY: 'GYD', LR: 'LRD', NA: 'NAD', SB: 'SBD', SR: 'SRD', TT: 'TTD', KY: 'KYD', ZW: 'ZWL',
  },
};
const PESO: AmbiguousName = { default: 'MXN', byCountry: { PH: 'PHP', AR: 'ARS', CL: 'CLP', CO: 'COP', UY: 'UYU', DO: 'DOP', CU: 'CUP' } };

export const AMBIGUOUS: Record<string, AmbiguousName> = {
  // English words (singular; plurals are derived).
  dollar: DOLLAR,
  buck: DOLLAR,
  peso: PESO,
  cent: DOLLAR,
  pound: { default: 'GBP', byCountry: { EG: 'EGP', LB: 'LBP', SY: 'SYP', SD: 'SDG', SS: 'SSP', GI: 'GIP', FK: 'FKP' } },
  franc: { default: 'CHF', byCountry: { FR: 'FRF', BE: 'BEF', RW: 'RWF', BI: 'BIF', CD: 'CDF', DJ: 'DJF', GN: 'GNF', KM: 'KMF', SN: 'XOF', CI: 'XOF', CM: 'XAF' } },
  rupee: { default: 'INR', byCountry: { PK: 'PKR', LK: 'LKR', NP: 'NPR', MU: 'MUR', SC: 'SCR' } },
  dinar: { default: null, byCountry: { IQ: 'IQD', KW: 'KWD', JO: 'JOD', BH: 'BHD', LY: 'LYD', TN: 'TND', DZ: 'DZD', RS: 'RSD' } },
  dirham: { default: 'AED', byCountry: { MA: 'MAD' } },
  riyal: { default: 'SAR', byCountry: { QA: 'QAR' } },
  rial: { default: 'IRR', byCountry: { OM: 'OMR', YE: 'YER' } },
  shilling: { default: 'KES', byCountry: { UG: 'UGX', TZ: 'TZS', SO: 'SOS', AT: 'ATS' } },
  krona: { default: 'SEK', byCountry: { IS: 'ISK' } },
  krone: { default: 'NOK', byCountry: { DK: 'DKK' } },
  lira: { default: 'TRY', byCountry: { IT: 'ITL' } },
  leu: { default: 'RON', byCountry: { MD: 'MDL' } },
  ruble: { default: 'RUB', byCountry: { BY: 'BYN' } },
  rouble: { default: 'RUB', byCountry: { BY: 'BYN' } },
  manat: { default: 'AZN', byCountry: { TM: 'TMT' } },
  kwacha: { default: 'ZMW', byCountry: { MW: 'MWK' } },
  escudo: { default: 'CVE', byCountry: { PT: 'PTE' } },
  colón: { default: 'CRC', byCountry: { SV: 'SVC' } },
  colon: { default: 'CRC', byCountry: { SV: 'SVC' } },
  mark: { default: 'DEM', byCountry: { BA: 'BAM' } },
  // Japanese.
  ドル: DOLLAR,
  弗: DOLLAR,
  ペソ: PESO,
  セント: DOLLAR,
  ポンド: { default: 'GBP', byCountry: { EG: 'EGP', LB: 'LBP' } },
  フラン: { default: 'CHF', byCountry: { FR: 'FRF' } },
  ルピー: { default: 'INR', byCountry: { PK: 'PKR', LK: 'LKR', NP: 'NPR' } },
  ディナール: { default: null, byCountry: { IQ: 'IQD', KW: 'KWD', JO: 'JOD', BH: 'BHD', LY: 'LYD', TN: 'TND', DZ: 'DZD', RS: 'RSD' } },
  ディルハム: { default: 'AED', byCountry: { MA: 'MAD' } },
  リヤル: { default: 'SAR', byCountry: { QA: 'QAR' } },
  リアル: { default: 'IRR', byCountry: { OM: 'OMR', YE: 'YER', SA: 'SAR', QA: 'QAR' } },
  シリング: { default: 'KES', byCountry: { UG: 'UGX', TZ: 'TZS' } },
  クローナ: { default: 'SEK', byCountry: { IS: 'ISK' } },
  クローネ: { default: 'NOK', byCountry: { DK: 'DKK' } },
  リラ: { default: 'TRY', byCountry: { IT: 'ITL' } },
  ルーブル: { default: 'RUB', byCountry: { BY: 'BYN' } },
  レウ: { default: 'RON', byCountry: { MD: 'MDL' } },
  マナト: { default: 'AZN', byCountry: { TM: 'TMT' } },
  クワチャ: { default: 'ZMW', byCountry: { MW: 'MWK' } },
  コロン: { default: 'CRC', byCountry: { SV: 'SVC' } },
  マルク: { default: 'DEM', byCountry: {} },
  ギルダー: { default: 'NLG', byCountry: {} },
  元: { default: 'CNY', byCountry: { TW: 'TWD', HK: 'HKD' } },
  // Korean.
  달러: DOLLAR,
  불: DOLLAR,
  페소: PESO,
  센트: DOLLAR,
  파운드: { default: 'GBP', byCountry: { EG: 'EGP', LB: 'LBP' } },
  프랑: { default: 'CHF', byCountry: { FR: 'FRF' } },
  루피: { default: 'INR', byCountry: { PK: 'PKR', LK: 'LKR', NP: 'NPR' } },
  디나르: { default: null, byCountry: { IQ: 'IQD', KW: 'KWD', JO: 'JOD', BH: 'BHD', LY: 'LYD', TN: 'TND', DZ: 'DZD', RS: 'RSD' } },
  디르함: { default: 'AED', byCountry: { MA: 'MAD' } },
  리얄: { default: 'SAR', byCountry: { QA: 'QAR' } },
  리알: { default: 'IRR', byCountry: { OM: 'OMR', YE: 'YER' } },
  실링: { default: 'KES', byCountry: { UG: 'UGX', TZ: 'TZS' } },
  크로나: { default: 'SEK', byCountry: { IS: 'ISK' } },
  크로네: { default: 'NOK', byCountry: { DK: 'DKK' } },
  리라: { default: 'TRY', byCountry: { IT: 'ITL' } },
  루블: { default: 'RUB', byCountry: { BY: 'BYN' } },
  레우: { default: 'RON', byCountry: { MD: 'MDL' } },
  마나트: { default: 'AZN', byCountry: { TM: 'TMT' } },
  콰차: { default: 'ZMW', byCountry: { MW: 'MWK' } },
  콜론: { default: 'CRC', byCountry: { SV: 'SVC' } },
  마르크: { default: 'DEM', byCountry: {} },
  휠던: { default: 'NLG', byCountry: {} },
  // Signs.
  $: { ...DOLLAR, byCountry: { ...DOLLAR.byCountry, MX: 'MXN', AR: 'ARS', CL: 'CLP', CO: 'COP', UY: 'UYU', DO: 'DOP', CU: 'CUP' } },
  '¥': { default: 'JPY', byCountry: { CN: 'CNY' } },
  '￥': { default: 'JPY', byCountry: { CN: 'CNY' } },
  '£': { default: 'GBP', byCountry: { EG: 'EGP', LB: 'LBP', SY: 'SYP' } },
  kr: { default: 'SEK', byCountry: { NO: 'NOK', DK: 'DKK', IS: 'ISK' } },
  Rs: { default: 'INR', byCountry: { PK: 'PKR', LK: 'LKR', NP: 'NPR', MU: 'MUR', SC: 'SCR' } },
  '₨': { default: 'INR', byCountry: { PK: 'PKR', LK: 'LKR', NP: 'NPR', MU: 'MUR', SC: 'SCR' } },
  '﷼': { default: 'SAR', byCountry: { IR: 'IRR', OM: 'OMR', QA: 'QAR', YE: 'YER' } },
};

/** Minor units: their names, and the currency (or ambiguous major word) they are a part of. */
export const MINOR_UNITS: Array<{ names: string[]; major: string; factor: number }> = [
  { names: ['cent', 'cents', 'セント', '센트', '¢'], major: 'cent', factor: 0.01 },
  { names: ['penny', 'pence', 'ペンス', 'ペニー', '펜스', '페니'], major: 'GBP', factor: 0.01 },
  { names: ['銭'], major: 'JPY', factor: 0.01 },
  { names: ['kopeck', 'kopecks', 'kopek', 'kopeks', 'kopeyka', 'kopeks', 'コペイカ', '코페이카'], major: 'RUB', factor: 0.01 },
  { names: ['fen'], major: 'CNY', factor: 0.01 },
  { names: ['paisa', 'paise', 'パイサ', '파이사'], major: 'INR', factor: 0.01 },
  { names: ['satang', 'サタン'], major: 'THB', factor: 0.01 },
  { names: ['centavo', 'centavos', 'センタボ', '센타보'], major: 'peso', factor: 0.01 },
  { names: ['centime', 'centimes', 'サンチーム', '상팀'], major: 'franc', factor: 0.01 },
  { names: ['kuruş', 'kurus', 'クルシュ', '쿠루시'], major: 'TRY', factor: 0.01 },
  { names: ['grosz', 'groszy', 'グロシュ', '그로시'], major: 'PLN', factor: 0.01 },
  { names: ['halala', 'halalas', 'ハララ', '할랄라'], major: 'SAR', factor: 0.01 },
  { names: ['fils', 'フィルス', '필스'], major: 'AED', factor: 0.01 },
];

function parseTable(): Currency[] {
  const out: Currency[] = [];
  for (const line of TABLE.split('\n')) {
    if (!line.trim()) continue;
    const [code, exp, en, ja, ko, signs] = line.split('|');
    const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);
    out.push({ code: code!, exponent: Number(exp), en: list(en), ja: list(ja), ko: list(ko), signs: list(signs) });
  }
  return out;
}

/** Every currency of the table, by ISO code. */
export const CURRENCIES: ReadonlyMap<string, Currency> = new Map(parseTable().map((c) => [c.code, c]));

/** English plural forms of a currency name (the last word inflects: Hong Kong dollar → Hong Kong dollars). */
export function englishForms(name: string): string[] {
  const words = name.split(' ');
  const last = words[words.length - 1]!;
  const head = words.slice(0, -1).join(' ');
  const join = (w: string) => (head ? `${head} ${w}` : w);
  const irregular = PLURALS[name] ?? PLURALS[last];
  const plurals = irregular ?? [/(?:s|sh|ch|x)$/.test(last) ? `${last}es` : /[^aeiou]y$/.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`];
  return [name, ...plurals.map(join)];
}

/** Spelling variants of a Japanese or Korean name: without ・ or without spaces. */
export function cjkForms(name: string): string[] {
  const out = new Set([name, name.replace(/・/g, ''), name.replace(/ /g, '')]);
  return [...out];
}
