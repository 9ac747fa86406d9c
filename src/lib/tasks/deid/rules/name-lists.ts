/**
 * Small word lists for the name rules. The first-name lists hold common German and English given
 * names that are not also everyday words; names that are ordinary words too ("Will", "Rose",
 * "Ernst", "Hope") are in AMBIGUOUS_FIRST_NAMES and count only where context already announces a
 * name (after "daughter", "Sohn", …).
 */

function set(words: string): ReadonlySet<string> {
	return new Set(words.split(/\s+/u).filter(Boolean));
}

export const FIRST_NAMES = set(`
anna maria emma sophie sofia mia hannah hanna lena lea leonie laura lara julia johanna clara klara
katharina charlotte marie luise louise elisabeth elise helene helena ingrid inge irene irina ursula
renate monika sabine petra andrea claudia susanne stefanie stephanie christine christina karin
kerstin birgit brigitte gabriele heike martina nicole silke anja tanja sandra daniela simone
bettina beate barbara gisela gertrud hildegard marianne margarete margit erika elke dagmar doris
edith elfriede frieda friederike gerlinde hedwig herta hertha ilse irmgard jutta luisa magdalena
marlene mathilde regina rosemarie sieglinde theresa therese ulrike veronika waltraud wilhelmine
evelyn evelin franziska jana janina jessica jennifer katrin kathrin melanie miriam nadine nina
natalie natalia svenja tamara vanessa yvonne marija jelena milena ana
peter hans klaus jürgen juergen wolfgang michael thomas andreas stefan stephan markus marcus
christian uwe dieter werner günter guenter gunter horst helmut helmuth heinz karl carl
friedrich wilhelm otto walter gerhard manfred rainer reiner bernd bernhard holger ralf ralph
jörg joerg matthias mathias alexander alexandre sebastian tobias florian maximilian lukas
lucas jonas leon felix paul moritz niklas nicolas nikolaus david daniel jan jens johannes
johann josef joseph georg konrad kurt ludwig martin norbert oliver philipp rudolf siegfried
sven torsten thorsten ulrich volker detlef dirk erich ewald fritz gottfried gustav hartmut
heinrich herbert hermann hubert joachim jochen kai konstantin lothar ludger lutz manuel marco
mario marc marcel oskar patrick reinhard roland rolf steffen timo tim udo ulf vincent
wolfram benjamin dominik fabian julian kevin marvin nico pascal robin simon dennis sascha
jakob jacob fridolin asger damaris beatrice tobias ivan dragan goran milan zoran
john james robert william richard charles joseph christopher matthew anthony donald steven
kenneth joshua kevin brian george edward ronald timothy jason jeffrey ryan gary nicholas eric
stephen jonathan larry justin scott brandon raymond gregory samuel benjamin patrick jack
dennis jerry tyler aaron henry douglas peter adam nathan zachary walter kyle harold carl
jeremy keith roger gerald ethan arthur terry christian sean lawrence joe noah jesse
albert bryan billy bruce willie dylan alan ralph gabriel roy juan wayne eugene logan
randy louis russell vincent philip bobby johnny bradley howard francis leonard
mary patricia jennifer linda elizabeth susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie
rebecca sharon laura cynthia kathleen amy shirley angela helen brenda pamela nicole anna
samantha katherine emma ruth christine catherine debra rachel carolyn janet maria
heather diane julie joyce victoria kelly christina lauren joan evelyn olivia judith megan
cheryl martha andrea frances hannah jacqueline ann gloria jean kathryn alice teresa sara
janice doris julia grace judy abigail marie denise beverly amber theresa marilyn
danielle diana brittany natalie sophia isabella charlotte lori kayla alexis tiffany
marcela philomena margie peggy irene eileen maureen colleen bridget florence agnes edna
ethel mildred lillian gladys josephine lorraine norma phyllis marjorie eleanor louise
`);

/** Given names that are also common words: only after a word that announces a name. */
export const AMBIGUOUS_FIRST_NAMES = set(`
will may mark bill art grant hope faith joy rose rich dawn june april august ernst frank pat
sue bob rob nick charlie eve lou bud buck chase dean drew gene guy jay lance miles neil pearl
ray rusty sandy skip stone victor wolf hans ida
`);

/** Particles inside names: "Burkhard zur Hausen", "Ludwig van Beethoven". */
export const NAME_PARTICLES = set(
	'von van de der den zu zur zum di da del della le la ten ter vom dos du'
);

/**
 * Capitalised words that follow a title or a label but are not names ("Frau Kollegin",
 * "Herr Patient", "Dr. aware"), and English words that would otherwise pass as names in
 * upper-case notes.
 */
export const NOT_NAMES = set(`
kollege kollegin kollegen kolleginnen patient patientin patienten doktor doktorin professor
professorin oberarzt oberärztin chefarzt chefärztin assistenzarzt assistenzärztin stationsarzt
stationsärztin facharzt fachärztin arzt ärztin ärzte dres med univ mult rer nat phil habil dent
vet jur sc mag dipl ing psych pat direktor direktorin abteilung klinik station praxis zentrum
institut team dienst befund sekretariat
und oder mit bei von vom zum zur der die das den dem des ein eine einer eines im in am an auf aus
ist war wird wurde hat haben sich sie er es wir ihr ihre ihren ihrem unser unsere unseren
sehr geehrte geehrter liebe lieber herr herrn frau fr hr dr prof pd oa oä mr mrs ms miss
the and or of to in on at by for with from as is was were be been has have had will would can
could should may might must not no yes he she it they we you his her their our your this that
these those there here who whom which what when where why how all any some each every both
aware notified informed called paged spoke spoken talked updated discussed saw seen see came
come in to at office team rounds note notes says said stated states wants feels thinks made
on call covering fellow resident intern attending staff nurse rn md np pa ho house
pt patient pts family wife husband son daughter mother father sister brother friend
in order per re regarding about after before during since until today tonight tomorrow yesterday
am pm night day morning evening afternoon
did does do done doing get got gets give given gives gave take taken took go went gone goes
one two three four five six seven eight nine ten hour hours minute minutes week weeks month months
also again still now then later soon just only very more most less much many few other another
up down out off over under into onto back well good bad new old same further next last first
plan plans continue continues continued remains remain remained noted note start started stop
stopped increase increased decrease decreased change changed changes need needs needed want
wnl abg abgs cxr ekg ct mri iv po prn bid tid qid npo nkda dnr dni cmo icu ccu csru micu sicu
lasix picc tlc cvp map hr bp rr sat sats temp wbc hct inr ptt pt ot rt ns lr
safety precautions replete lytes monitor assess follow neuro resp cardiac cv gi gu skin social
heme endo renal pulm
`);

/** Words for relatives and close persons that announce a name after them. */
/** Words for relatives and close persons that announce a name after them. */
export const RELATIVE_WORDS = [
	...set(`
wife husband spouse daughter son dtr mother mom father dad sister brother niece nephew
cousin aunt uncle grandson granddaughter grandmother grandfather friend partner girlfriend boyfriend fiance fiancee fiancé
fiancée caregiver proxy hcp poa neighbor neighbour guardian ehefrau ehemann ehegatte ehegattin gattin gatte
tochter sohn mutter vater schwester bruder enkel enkelin nichte neffe cousine tante onkel lebensgefährte
lebensgefährtin lebenspartner lebenspartnerin partnerin betreuer betreuerin angehörige angehöriger nachbar nachbarin freundin freund
`),
	'significant other'
];

/** Capitalised words that are also surnames but mostly mean something else in clinical text. */
export const COMMON_WORD_SURNAMES = set(`
leber hals finger fuß fuss kopf herz bauch hand arm bein knie magen darm niere lunge brust rücken
haut blut auge ohr nase mund zahn bein becken hüfte schulter
blau weiß weiss schwarz roth rot grün braun gelb klein groß gross lang kurz alt neu jung frisch
kalt warm wolf fuchs vogel hahn stein berg wald feld bach see sommer winter frühling herbst
mai august will may bill mark art grant hope faith joy rose rich dawn june april
green brown white black gray grey young long short price gill frost wong rice bell bush hill
wood ball page cross stone park lane rose king case bank hall rich
`);
