# Autodiag — every command installs what it needs first, and skips what is already there.
#   make serve   build and serve at http://127.0.0.1:8080 (live reload)
#   make test    every test layer: lint, native (core crate), browser (wasm-bindgen-test), end to end
#   make dist    optimised release build into dist/
#   make size    gzip size of each file in dist/ and the total
#   make bench   load, interaction and scale figures, written to BENCHMARKS.md
#   make explore the core tests from fresh random seeds (make test uses a fixed one)
#   make contenu after editing content/: its checks alone, with only Rust (seconds once compiled)

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
TWIGGY_VERSION := 0.8.0
# wasm-bindgen-cli must match the wasm-bindgen that Cargo.lock pins (Cargo.toml says "=…").
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
# Size budgets in bytes, gzip -9, that `make test` enforces. The first load is what the first
# visit fetches (HTML, JS, wasm, CSS, icon, manifest, service worker); the whole dist/ is every
# file, both bundles and both languages. Each step that shrinks them lowers them: issue #16
# aims at 180 KB and 500 KB. The whole dist/ rose from 682,000 for the charts' layout fixes of
# 2026-12-03, then from 685,000 for three legal duties' texts and journey fixes of the ninth
# session, less two shrinking steps, then from 687,000 for three more legal minimums of the
# tenth (school zones, the yearly emergency exercise, minutes of interpellations, the DPO),
# then from 688,000 (to 690,000) in the eleventh for the open data minimum, regional roads,
# English punctuation and a tab's own open assessment. The first load rose once, 194,000 →
# 194,300, in the eleventh: a tab keeps its own open assessment (sessionStorage), so that on a
# shared computer another tab's commune never receives its answers; BENCHMARKS.md, History.
# The twelfth session's stand-in for wasm-streams (ARCHITECTURE.md, « No dead exports ») took
# 6 KB off the first load and 12 KB off the whole dist/: 188,500 and 679,500; the whole dist/
# then rose to 682,500 for the workshop's discussion slides (consolidation). The thirteenth
# session's charts and summaries written without core's float printer: 672,500. The fourteenth
# session's content and journey fixes (legal duties renamed with migrations, earlier roadmap
# actions carried to their successors, landmarks, a moved card announced, the flood-risk
# question on one subject): 674,500. The fifteenth session's journeys (the results as the end
# screen, import on Mes évaluations, lighter projector slides, « municipality » in English): 677,000.
# The first load rose 188,500 → 188,600 in the same session: a finished diagnostic's home button
# says « Voir les résultats de … » instead of « Continuer » (5 B over, a label in two languages).
# The seventeenth session's content corrections (the school zone's legal minimum under a new id
# with its migration, the BEP beside IGRETEC, the SNCB only where there is a station) and
# journey fixes (scores to confirm on the projector, before/after over other questions, the
# territory's pooling from pairs among few communes, a review's fixes, focus kept after
# « Effacer la réponse » and above the phone's live-score line, an import that says what came
# back), the legal minimums of emergency planning (the safety cell) and of data protection
# (the DPO reported to the Authority, breaches notified within 72 hours), each a migration:
# 188,900 and 680,000. The eighteenth session's référentiel 2.7.0 (open data's legal minimum
# after the order of 8 January 2026, the PEB certificate's buildings as the decree names
# them, each a migration whose note is read at start): 189,100 and 681,000. The projector's
# duties under their legal minimum and its actions done, kept out of the next steps and of
# the territory's pooling, and a workshop's joint proposal on a duty one respondent says is
# unmet: 681,600. Level colours that print with the browser's default settings (main.css):
# first load 189,150; with the duties' answers said, whole dist/ 681,800. A copy of a
# diagnostic imported beside another says which holds more answers and which changed last,
# and each card says when it changed: 682,700. A drafted action put off because its horizon
# is full says so on its card: 683,300. The workshop settles each question on its discussion
# slide (a select in the bar that the table follows) and can go full screen: 684,400. A
# migration's reminder names an earlier answer without a level in words (« Je ne sais pas »,
# not « niveau ? »), and never writes again one an earlier version wrote: 189,450 and 685,000.
# A newer file of a diagnostic already here can replace it, the replaced one in the trash
# that « Annuler » empties back: 685,400. The decision select as a type-erased view: 685,200.
# The nineteenth session's référentiel 2.8.0 (public procurement's legal minimum with the award
# notice of the law of 8 February 2023, information management's ladder with documents before
# the inventory, each a migration; the Gigabit Infrastructure Act), a chosen language kept
# while it downloads, a backup restored twice added once, the discussion slides keeping Tab
# inside, the closing slide's steps that fit 720p, a summary named after its respondent, a
# backup restored beside a copy that changed says so, an older file's replace prompt that
# warns: the first load fell to 189,271, budget 189,300; whole dist/ 689,000.
# The twentieth session's journeys and content, all in the tools bundle (a territorial reference
# of an earlier référentiel read for this one, a workshop kept in its tab with the respondents'
# notes on the slides, the legal duties an edited roadmap misses, retired actions named by their
# titles in both languages, every step up to a legal minimum drafted, a backup of every
# assessment for another computer, the pillar on each discussion slide, then a code review's
# fixes: a roadmap's duties followed step by step, older references refused by name, notes on
# the slides without the référentiel's reminders): whole dist/ 688,991 → 701,714; one step
# chooser for legal duties and foundations, and a simpler reading of a reference's version,
# took it to 701,091, budget 701,100; the first load 189,294, budget unchanged.
# The twenty-first session ships each wasm compressed by zopfli and unpacked by the loader
# (static/unpack-wasm.js): first load 189,294 → 181,743, whole dist/ 701,091 → 674,132. The
# header then follows a rename of the open assessment (its profile field, « Renommer »):
# 181,846 and 674,482. A workshop's consolidation names its participants in the summary
# (profile.participants), which the questionnaire reads and writes back with the profile:
# 182,056 and 674,929. After a review, the header also drops the name of a deleted assessment,
# and the loader stops a download whose compile failed: 182,062 and 675,211. Then wasm-opt at
# -O2 -s 1, short export names and the questionnaire's texts without the score bands'
# meanings: 179,880 and 668,250. The first load meets issue #16's 180 KB. A workshop that its
# tab cannot keep says so: 668,395. After a walk through the workshop: a consolidation loaded
# again weighs as its people in the proposals, the report lists its participants (and how
# many gave no name) instead of a respondent and a role: 668,900. A synthesis loaded again
# names its people, and the consolidation table keeps its heading in view: 669,118.
# Twenty-second session, from two walks of the journeys: a score on few answers is marked « à
# confirmer » on the territory's heat map, in its CSV and JSON, in the live scores and in the
# roadmap; a file cut off is told as such, and a question by its title; the consolidation shows
# each person's note and is dated the workshop's day; « Mes évaluations » says which copy is
# open; an empty territory shows no empty tables: 673,197. First load 179,984. A legal duty put
# off says what that means; « Questions à vérifier » shows the note already written: 673,451.
# A roadmap item's editor keeps what was typed over a language switch or a visit elsewhere:
# 674,544. After a review: someone a synthesis already counts is refused from their own file,
# the consolidation takes each figure from the latest respondent who gave it, a cut file is
# told apart from trailing text: 675,498. First load 179,993 (the phone's step row opens on the
# current step; the heat map's « — » cell style moved to the tools' stylesheet). A step moved
# after the one that needs it says so: 675,803. The print rules only the tools' screens use
# (the acronyms list, colours that carry meaning) moved to their stylesheet, and the rows of
# « Mes évaluations » name their buttons' group: 676,061; first load 179,959. On a phone the
# PST's actions read as cards, each cell named: 676,228. After a second review: people matched
# by name and role, same-day figures from the file changed last, « Régénérer » asks before
# dropping unsaved typing, the PST's cards fit 320 px: 676,571; first load 179,955. Stored
# values' faults quoted with Display rather than Debug, which took Rust's string escaper out of
# both bundles: first load 179,453. « Score global » to confirm, the PST's objective on a
# question the action still improves, each restored diagnostic with « Ouvrir », « Télécharger
# une copie » on every screen and in the status line, damaged or newer copies told apart, a
# deleted assessment no longer carried between bundles without storage: 678,050; first load
# 179,838. A synthesis kept over a later file of one of its participants in the territory, a
# legal duty some call « non applicable » discussed in the workshop, shared actions most
# shared first: 678,319; first load 179,869. « Avant / après » lists each assessment with who
# answered, by commune and date (through the shared index sort: a sort of its own cost 1 KB),
# and says when the two were not answered by the same people: 679,242. The territory's spreads
# leave out scores to confirm: 679,453. Each commune's population band in the territory's
# exports: 679,714. « Importer une autre évaluation » kept under a comparison, and the list of
# questions to discuss says the level the group kept (+0.7 KB): 680,386. After a review, the
# territory chooses each commune's file once all are read, so the choice never depends on
# their order: 681,667. A workshop whose tab was closed before it was saved is offered back
# (« Reprendre cet atelier »), and a question the group settled says so on its slide and loses
# « à discuter » in the table (+2.4 KB, all in the tools bundle): 683,575. After a walk: the
# offer is never overwritten until taken up or erased, a synthesis the storage refuses keeps
# the workshop, the kept answer is marked on the slide rather than a line that pushed the
# notes off a 720p screen, the slide's select reads « À décider » until the group chooses (so
# the proposal itself can be chosen), and « — » is offered only without a proposal: 685,158.
# After a DG's walk: « Pour le PST » and the report name a legal duty the edited roadmap plans
# nothing for, a PST action done says « Fait », the results and the projector name a pillar's
# strengths and gaps by one rule, and the scores table stacks on a phone: 686,081. Erasing an
# unsaved workshop asks first (+0.8 KB); results, roadmap, PST and report say when the open
# assessment is not its commune's latest, « Avant / après » keeps time order and marks scores
# to confirm: 687,745. The projector's small print held at 20 px on a 4:3 screen and its title
# slide dated: 688,172. After a review and a returning commune's walk: an offered workshop
# is answered before another is loaded, a new year's roadmap names what an earlier year marked
# done, and the PST keeps retired actions under their last title: 689,086. The table's
# questions to discuss read « À décider » too, and « Reprendre » takes up only the workshop it
# names, saying so when another tab saved, erased or replaced it: 690,196. After IGRETEC's
# walk of the territory: « Ville de Châtelet » is Châtelet, a participant is one person
# whatever role they typed, a typed date is read as a day, a nameless summary goes by its
# file, a copy is said to be one, a refused file stays listed, and what to do about it: 691,562.
# After a first-time DG's walk: the results and the projector's first slide say the duties
# under their minimum before any score (+1.2 KB): 692,556. A band's paragraph read once
# (+0.8 KB), the territory's exports saying each file's référentiel, age and people (+0.6 KB),
# an objectif opérationnel reworded as a strategic one is (+1.2 KB): 695,281. After a
# facilitator's and a keyboard user's walks: the unsettled questions counted before saving a
# workshop, its notes folded on the pillar's line, focus kept by « Reformuler », « Modifier »,
# Échap and « Tout effacer »: 696,573. Event handlers and reactive parts of views boxed, one
# type each (src/erased.rs): 676,296, and the budget comes down to keep that step. After a
# returning commune's and a facilitator's walks: last year's assessment named on the
# questionnaire's pages, a new year started from the last one's answers, a restored copy
# dated by its answers, every legal duty's step on the projected roadmap, the proposal on
# every slide, an out-of-time respondent flagged, whose answers an import would replace,
# « Fait » kept through a redraft, before/after as cards on a phone (+7.1 KB): 678,927.
# After an IGRETEC analyst's and a content reviewer's readings: two people's files of one
# round named, old files marked on every chip, shared NIS codes asked about, the status line's
# tally, named scroll regions (+4.6 KB): 683,992. Read-only tables written as escaped HTML
# strings (src/markup.rs, -5.5 KB): 678,531, and the budget comes down to keep that step.
# The fetched texts shipped compressed with zopfli (-2.8 KB), then, after a DG's reading of
# the PST export and a returning commune's walk: duties worded as compliance with their law,
# owners to confirm, « Retirer » and older namesakes in the territory, last year's baseline
# warned and « Refaire le diagnostic » on the home page (+4.4 KB): 679,207. After a
# facilitator's walk and more of the returning commune's: the answers a replaced copy would
# change named, Home and End kept to the slides, the synthesis's profile by majority and its
# differences said (+2.5 KB, its profile part made one non-generic pass): 681,727. A late
# arrival's dissent sends settled questions back to the group (+1.1 KB): 682,824. Measured
# and not kept: the PST fiche's actions as one HTML string (+9 B). Notes folded up to the
# pillar's line, a workshop open in another tab never taken up twice (+0.8 KB): 683,649.
# The territory's list of files written only once opened, so the heat map keeps its time
# (+0.4 KB): 684,084. The PST CSV's lines numbered « 1.2.1 » (+0.9 KB): 684,967. The
# commune's own action joins the objectif opérationnel of the question it names (summary
# format 5, +2.5 KB): 687,435. An edited roadmap flags the steps the answers have reached
# since (+0.3 KB): 687,743. Référentiel 2.9.0 from a DG's reading (the CPAS duty's quarterly
# meetings under a new id and its migration note, huis clos, longer first steps) and the
# workshop's decision at the head of each discussed question's note (+1.6 KB): 689,388. A
# band's meaning read once, naming the pillars it also covers; a duty only met is no
# strength (+0.4 KB): 689,742. The last discussion slide names the questions still open and
# saves the synthesis; notes fold up when a decision would push them off a 720p slide
# (+1.5 KB): 691,274. Pillars whose priority respondents set far apart named before the
# synthesis is saved (+0.6 KB): 691,842. A pillar after the focus only by the pillars' order
# says it is tied (+0.5 KB): 692,366. Who filled in an imported file named; a reload while
# projecting projects the same question again (+0.8 KB): 692,869. « Avant / après » on the
# results only with an earlier diagnostic: 692,913. A PST indicator without the level's
# closing « , sans … » clause (+0.1 KB; found with `rfind` on words, +1.0 KB): 693,017.
# Thirty-first session: PiCM offered up to 20,000 inhabitants, a partial summary's file named
# « -partiel », the DG's clarity pass on five levels and the role names (+0.7 KB): 693,395.
# Duties answered « Je ne sais pas » to check first (roadmap, PST, report, closing slide),
# the closing slide's steps in the roadmap slide's order, a legal badge on the cards, reasons
# that follow a move and reach the report (+2.3 KB): 695,740. « Qui répond ? » for a commune
# without the service, the score's honesty about duties, staff time beside « Sans coût
# direct », the SNCB only with a station (+0.1 KB): 695,884. The printed « À demander à »
# keeps its label; the duties' titles listed by one function: 695,999. From an IGRETEC
# officer's load of 36 files (+0.5 KB, measured on its own branch 693,395 → 693,917): the most
# complete file of a round used, the communes with no file named, « À vérifier » naming its
# communes, the heat map within 1280 px: 696,707. A commune of the territory named as its
# list writes it (« Ville de Chatelet » is « Châtelet »; +0.6 KB): 697,263. One NIS code
# under two names warned beside the reference's button, « Retirer » offered (+0.4 KB): 697,640.
# After a review: an undated file in no round, the closing slide's duties to check three at
# most, the printed « À demander à » as typed now (+0.2 KB): 697,843. A step on a duty
# answered « Je ne sais pas » badged as the PST marks it; « à consolider » kept on its line
# (−0.2 KB): 697,664. A read-through's official_names and three levels given back their plain
# wording (+0.3 KB, both measured together): 697,963. Thirty-second session, from a
# returning DG's and a workshop facilitator's walks: a diagnostic redone from an earlier
# round recalls its answers instead of counting them, and an old file's import offers to redo
# it; the projector keeps its slide; a duty left out of an edited roadmap named on the roadmap
# and closing slides; the printed first page names the duties below their minimum; legal
# links land on the question (+2.3 KB; first load +1.0 KB): 700,256. A priority with no
# action in an edited roadmap named; the summary and the report say which diagnostic a round
# redoes (`profile.redone_from`), and leave a reminder alone out; legal steps marked on the
# roadmap slide (+2.0 KB; first load +0.3 KB): 702,230. The header dates the open round when
# the commune has another; the shared page names the duties below their minimum; the QR
# code's caption is its link (−0.4 KB, gzip's noise): 701,840. « Avant / après » says how much
# of the earlier round's roadmap was done (+0.7 KB): 702,556. A review's fixes (reminders kept
# when an answer is cleared, a redo of a redo, the merge advice between two people only, a
# priority served by the commune's own action; +0.1 KB): 702,702. « Dupliquer » on last
# round's assessment says it starts a new diagnostic (+0.2 KB): 702,888. A read-through: one
# predicate for « of an earlier round », one for a slide's legal steps (+13 B): 702,901.
# The thirty-third session: the roadmap, « Pour le PST », the report and the closing slide
# name every duty to check, « Non applicable » and blank ones too, by what was answered; a
# score to confirm says what would confirm it (+1.2 KB; first load +0.5 KB): 704,123. The
# territory counts each commune's duties below their minimum (a sortable heat map column and
# a CSV column), names each file's respondent in its CSV, counts the same priorities in its
# CSV as on screen, lists the duty most communes miss first, and exports that table as CSV
# (+1.9 KB): 705,976. The actions to pool export as CSV too; a backup given to the territory
# is explained without « vos réponses »; the exports' headings stand clear (+0.6 KB): 706,617.
# The heat map scrolls in its own box under a stuck header (+58 B): 706,675. A review's
# fixes: the closing slide names three duties to check in all, the territory names a
# synthesis's participants and counts each commune's duties below their minimum in the JSON
# too, the pooling CSV in the screen's order (+0.4 KB): 707,050. A pillar to confirm comes
# after the sure ones in the roadmap's focus; a step marked « Fait » counts as taken while a
# later one is to do (+0.8 KB): 707,835. A synthesis's copy is one person's; wording from a
# PST walk (−0.1 KB, gzip's noise): 707,756. A link to a question focuses its current answer
# (first load +0.1 KB); English wording from a fourth walk (+0.6 KB): 708,347.
# The thirty-fourth session: content from a DG's reading, a replaced copy still « remplacée »
# after a reload, a commune's name read without its article, a re-export reopening only the
# answers it changes, last year's plan evaluated with this year's « Fait » (gzip's noise;
# first load −47 B): 707,964. Last round's diagnostic, opened, says so on every screen with
# « Refaire »; the roadmap slide shows what the room decided first (+1.4 KB; first load
# +0.6 KB): 709,349. « Avant / après » names the two on paper, prints, and says when it reads
# backwards; a digit settles a discussion slide (+1.4 KB): 710,749. A review's fixes (no owner
# lines on the slide, the replaced mark as an id, one name key everywhere, the digit by its
# key's place, a shorter scale rule; first load +0.3 KB): 710,529. Two core modules' circles
# broken by moving three functions (gzip's noise): 710,799. The home page offers this round's
# diagnostic first when last round's is open (+78 B): 710,877. A discussion slide says what a
# level nobody gave means once the room retains it (+0.2 KB): 711,122.
# The thirty-fifth session: what is typed in the roadmap's editors is kept in the browser's
# storage at each keystroke, so a closed tab or a trip to the questionnaire loses none of it;
# « Plein écran » reads « Quitter le plein écran » while it is (+2.0 KB): 712,540. A workshop
# puts « non applicable » beside a level to the group on any question (+0.4 KB): 712,949. A
# redone diagnostic keeps last round's notes as reminders with « Reprendre dans la note »
# (first load +1.2 KB): 714,208. « Enregistrer le résumé pour IGRETEC » refuses while a
# roadmap change is not saved; a duty under its minimum is compared with the territory at its
# minimum; the reference given to « Importer » is named (first load +0.1 KB): 714,593. The
# territory counts each commune's duties to check beside those below their minimum (heat
# map, its sort, CSV and JSON; +0.3 KB): 714,938. The hand-over says what IGRETEC does with
# the summary (read by name beside the others, a note may be quoted, a reference may come
# back); the territory's set-aside wording (+0.7 KB): 715,615. A review's fixes: « Mes
# évaluations » refuses the summary too while a roadmap change is unsaved, the notice follows
# the editors, a deleted assessment's drafts go, last round's set-aside notes are reminders
# (+0.4 KB; first load −47 B): 715,972. A read-through: the summary's refusal moved into
# download_summary, which every caller goes through; the territory counts a commune's duties
# below and to check in one pass (+0.7 KB): 716,648. Thirty-sixth session: the territorial
# reference gives no total per question and never shows one or two communes (−0.4 KB):
# 716,260; old files marked in the duties table and the CSVs, scores to confirm marked in the
# territory CSV (+0.7 KB): 716,981; the communes on screen outside the territory's 30 are
# named (+0.3 KB): 717,314; a profile dated after today is refused in words, and the date
# picker offers no later day (first load +145 B, to 179,854): 717,521. « Reprendre dans la
# note » no longer cuts an old note off past 2,000 characters: it stays a reminder (first load
# +130 B, to 179,984; a message saying why cost +433 B more, over the budget): 717,623.
# « Pas encore reçu » says that a refused file's commune may be among them (+0.1 KB): 717,727.
# The scores table gives the territory's median as a number (+0.4 KB): 718,081. Content
# checked against sources (the e-Procurement legal basis, Digital Commerce and the « Territoire
# intelligent » calls, both languages; +0.7 KB): 718,746. A review's fixes: a lone « < 3 »
# hidden beside another again, the contacts CSV's names left plain for lookups, the wording of
# the territory's notices (−0.2 KB): 718,516. A file dated after today marked on the heat
# map (+0.5 KB): 718,996. Thirty-seventh session: a file dated after today marked in every
# list below the heat map, in the duties, pooling and territory CSVs and in the JSON; the
# JSON names the communes outside the territory; the contacts CSV's sentence marks old and
# future files (+0.5 KB): 719,505. The scores table's median gives its own count of communes
# when fewer than its header's, and says why a pillar has none (+0.9 KB): 720,407. The
# read-only parts of « Avant / après », the PST's fiches and every projector slide as HTML
# strings (−4.0 KB): 716,418. A commune's name is folded to ASCII without a Vec per character,
# which makes room in the first load for « Reprendre dans la note » to say why it refused
# (first load 179,954 B): 716,356. The results' meanings, method and status, and the
# report's profile table and charts, as HTML strings (−0.6 KB); the territory CSV numbers the
# population bands so that they sort (+35 B): 715,784. Budget lowered 720,500 → 716,300. A
# review's fixes: the contacts sentence marks a file's date beside its level, a carried-over
# pillar's median says the référentiel changed, the refused « Reprendre » names the limit
# (first load 179,988 B): 716,044. The heat map reads a row's date mark once, and the median's
# label is written without its values (first load 179,992 B): 715,966.
# Thirty-eighth session: the questionnaire without the standard substring search (first load
# 179,491 B), a file dated after today ranked at its download day, the territory's notices and
# set-aside files as one string: 715,334. A redone diagnostic's note carried to a question
# asked again (first load 179,573 B), content after a DG's review, the commune's network
# operator named in the PST, answers CSV and discussion slides (+0.6 KB): 715,976. The bars say
# « à confirmer », the heat map sorts such scores after firm ones, a workshop keeps its
# synthesis's name (+0.6 KB): 716,562. The legal notice, the accessibility statement and the
# shared results' table as strings (−0.5 KB): 716,019. Projector's stacked lists at 0.85:
# 716,035. Thirty-ninth session: référentiel 2.10.0, whose procurement minimum counts
# electronic invoices and web accessibility's the commune's mobile apps, each under a new id
# with its migration note, and a DG's review's bases and helps in both languages (first load
# 179,195 B; +0.7 KB): 716,700. Budget raised 716,300 → 717,000 for the content. The home
# page says how many questions the référentiel asks again since the commune's answers, in the
# import's words, now shared (`Assessment::asked_again`; first load +0.8 KB to 179,970 B, a
# view with a link per pillar cost 2.6 KB): 717,175. Budget raised to 717,500.
# Fortieth session: no unchecked string cut (`text[a..b]`) or substring search left in either
# bundle, and the QR code in byte mode (first load 179,956 → 175,835 B, tools wasm −6.6 KB):
# 706,468. Budget lowered 717,500 → 707,000. The heat map's order reverses on a second press
# of a heading, scores to confirm and blanks staying last (+0.5 KB): 706,982. Budget 707,500.
# Forty-first session: the heat map's order in the core, its CSV in the screen's order, the
# spreads' quartiles in plain words: 706,707. A split diagnostic brought together (each
# pillar's priority from those who answered it, whom to ask carried, « — » for one person's
# level, a word on respondents' edited roadmaps, the import's link to « Plusieurs
# répondants »; +1.5 KB): 708,240. Budget raised 707,500 → 708,300. A round redone from a
# migrated file recalls each reminder and comment once, its profile page says it was redone
# (first load 176,101 B), its card in « Mes évaluations » names the diagnostic it redoes, and
# « Avant / après » says « Question modifiée depuis » rather than « Sans réponse » (+0.7 KB):
# 708,983. Budget raised to 709,000. A review's fixes: a question answered after it changed
# is not asked again when redone, a second redo still names the answer set aside, whom to ask
# only from those who do not know, « Avant / après » marks the older file's column either way
# round, a partial respondent is told to send the file to whoever brings the answers
# together (first load 176,432 B): 709,800. Budget raised to 709,900.
# Forty-second session, from two walks (IGRETEC's round trip, a facilitator's workshop): a
# pillar's « à revoir » counts the questions asked again, the hand-over names last round's
# notes left out, the radar's median breaks where a pillar has none, a count the reference
# cannot give reads « non publié », IGRETEC hears which pillars have no median, an unsettled
# question's note says so, a synthesis's hand-over names the group, two people's files keep
# both first, an older participant's set-aside answer reads
# « Question modifiée depuis lors », a zoomed 4:3 projector keeps the radar beside the scores
# (first load 176,342 B; +2.6 KB): 712,424. Budget raised 709,900 → 712,600. The export
# also names the diagnostics over a year old it counts, and a reference given to the
# territory view is no commune's refused file (+0.6 KB): 712,992. Budget raised to 713,100.
# A review's fixes: a référentiel reminder is not a note left out, the rules for « à revoir »
# and for refused files in the core, clearer French for the reference and the workshop note
# (+0.2 KB): 713,224. Budget raised to 713,300. A file picked again in the territory view,
# identical to the one loaded, says so: 713,386. Budget raised to 713,500. « Garder les deux :
# importer le fichier comme nouvelle évaluation » for the import's keep-both button: 713,349.
# Forty-third session: a commune replaces its territorial reference in one step (+0.2 KB):
# 713,461. A redone diagnostic's roadmap, last year's edited plan carried over, says so until it
# is regenerated, and four content fixes from a DG's reading (+0.7 KB): 714,173. A due date
# past the end of its horizon is flagged on the card and in the report, which also flags a
# date let pass (+0.2 KB): 714,404. From IGRETEC's walk of the territory view: a commune that
# settled no duty reads « — », not a bold 0; no quartiles from under five scores; each priority
# says how many communes could count it (+0.6 KB): 714,976. Each commune of a pooled action
# shows its level on the action's question, on screen and in the CSV (+1.0 KB): 715,936.
# A review's fixes, the carried-over plan stored as a mark: 715,913. The hand-over says when
# the file's roadmap is still last year's plan (+0.7 KB): 716,619. Budget raised to 716,700.
# Forty-fourth session: the territory CSV leaves blank the duties of a commune that settled
# none, actions' wording from a DG's reading, a respondent's copy accepted in a workshop, the
# hand-over's contact line for a partial file and who answered what in a workshop's note
# (+0.4 KB): 716,983. The projector skips the pillars nobody answered, names the duties below
# their minimum on its first slide and fits a 720p screen zoomed to 150 % (+0.2 KB): 717,216.
# Budget raised to 717,300. « Mes évaluations » says beside a participant's own answers which
# synthesis counts them, and the workshop and territory pages drop the open diagnostic's copy
# line (+0.5 KB): 717,683. Two actions' wording (-0.1 KB), and the count of questions to
# discuss in a sentence of its own before the rule (+0.2 KB): 717,750. Budget raised to
# 717,800. A review's fixes: a workshop takes one assessment from a copy (the latest with
# answers, of its commune), « Mes évaluations » names the first synthesis after a file and
# not one after a later file of the same person, the projector keeps the room on its slide
# when a pillar answered meanwhile adds one (+1.3 KB): 719,057. The e-procurement action's
# first step cut from 69 to 60 words moved gzip's output by 46 B: 719,103 (719,052 once the
# review's twins were merged). Budget raised to
# 719,200.
SIZE_BUDGET := 180000
DIST_BUDGET := 719200
E2E := tests/e2e
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver

export PATH := $(CURDIR)/$(E2E)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Where the tools bundle is built before the main build takes it in (static/post-build.sh
# reads the same variable), under CARGO_TARGET_DIR when a developer sets one.
export AUTODIAG_TOOLS_DIST := $(abspath $(or $(CARGO_TARGET_DIR),target)/outils-dist)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends

.PHONY: help tools serve dist dist-crash-test size size-check test lint test-native contenu explore test-browser test-e2e bench clean

help:
	@sed -n '2,9s/^# \{0,1\}//p' Makefile

## Toolchain -----------------------------------------------------------------------------

tools:
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qx 'trunk $(TRUNK_VERSION)' \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked \
	  || cargo install trunk --version $(TRUNK_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q '^wasm-bindgen $(WASM_BINDGEN_VERSION) ' \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@twiggy --version 2>/dev/null | grep -q ' $(TWIGGY_VERSION)$$' \
	  || cargo install twiggy --version $(TWIGGY_VERSION) --locked \
	  || cargo install twiggy --version $(TWIGGY_VERSION)
	@missing=""; \
	  command -v node >/dev/null && command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	  [ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	  [ -x $(CHROMEDRIVER) ] || missing="$$missing chromium-driver"; \
	  command -v zopfli >/dev/null || missing="$$missing zopfli"; \
	  if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && $(APT_INSTALL) $$missing; fi
	@cd $(E2E) && { [ -x node_modules/.bin/wasm-opt ] && npm ls --depth=0 >/dev/null 2>&1 \
	  || npm ci --no-audit --no-fund; }
	@wasm-opt --version | grep -q 'version 132' || { echo "wasm-opt 132 missing from $(E2E)/node_modules"; exit 1; }

## Build and serve -----------------------------------------------------------------------

# The tools bundle (outils/index.html) is built first: the main build takes it in as outils/.
# Live reload watches the questionnaire; rerun `make serve` after changing the tools' screens.
serve: tools
	trunk build outils/index.html --dist $(AUTODIAG_TOOLS_DIST)
	@echo "Autodiag: http://127.0.0.1:8080"
	trunk serve

dist: tools
	trunk build --release=true --dist $(AUTODIAG_TOOLS_DIST) outils/index.html
	trunk build --release=true

# A debug build of the questionnaire with the deliberate-crash screen, for the crash banner's
# end-to-end test; the release build in dist/ never has that screen.
CRASH_DIST := $(abspath $(or $(CARGO_TARGET_DIR),target)/dist-crash-test)
dist-crash-test: tools
	trunk build --features crash-test --dist $(CRASH_DIST) index.html

# Gzip size of each file in dist/, and the first-load total the budget applies to: everything
# the first visit fetches (page, loader, wasm, CSS, icon, manifest, service worker). Other
# languages' texts and the territory tools load only when used.
WASM_RELEASE := $(or $(CARGO_TARGET_DIR),target)/wasm32-unknown-unknown/release
ON_DEMAND := -name 'texts.*.json' -o -name 'questions.*.json' -o -path 'dist/outils/*'
size:
	@[ -d dist ] || { echo "dist/ is missing: run make dist"; exit 1; }
	@gz() { gzip -9 -c "$$1" | wc -c; }; first=0; later=0; \
	  echo "first load:"; \
	  while read -r file; do bytes=$$(gz "$$file"); first=$$((first + bytes)); printf '%9d  %s\n' "$$bytes" "$${file#dist/}"; \
	  done < <(find dist -type f ! \( $(ON_DEMAND) \) | sort); \
	  echo "loaded on demand:"; \
	  while read -r file; do bytes=$$(gz "$$file"); later=$$((later + bytes)); printf '%9d  %s\n' "$$bytes" "$${file#dist/}"; \
	  done < <(find dist -type f \( $(ON_DEMAND) \) | sort); \
	  printf '%9d  first-load total (gzip -9), budget %d\n' "$$first" $(SIZE_BUDGET); \
	  printf '%9d  whole dist/, budget %d\n' "$$((first + later))" $(DIST_BUDGET); \
	  mkdir -p target && echo "$$first" > target/dist-gzip-total && echo "$$((first + later))" > target/dist-gzip-whole
	@# Where the bytes are: the largest items of each bundle, read from the release wasm
	@# before wasm-bindgen and wasm-opt, which still has its function names.
	@for wasm in $(WASM_RELEASE)/autodiag.wasm $(WASM_RELEASE)/outils.wasm; do \
	  if [ -f "$$wasm" ] && command -v twiggy >/dev/null; then \
	    echo "largest items of $$(basename $$wasm) (twiggy top 15, raw bytes before wasm-opt):"; \
	    twiggy top -n 18 "$$wasm" | grep -v -e '"function names" subsection' -e "custom section '__wasm_bindgen_unstable'" \
	      | cut -c1-150 | head -n 17; \
	  fi; \
	done

size-check: size
	@total=$$(cat target/dist-gzip-total); whole=$$(cat target/dist-gzip-whole); \
	  if [ "$$total" -gt $(SIZE_BUDGET) ]; then echo "FAIL: the first load is $$total bytes gzipped, over the $(SIZE_BUDGET) budget"; exit 1; fi; \
	  if [ "$$whole" -gt $(DIST_BUDGET) ]; then echo "FAIL: the whole dist/ is $$whole bytes gzipped, over the $(DIST_BUDGET) budget"; exit 1; fi; \
	  echo "size: first load $$total bytes gzipped (budget $(SIZE_BUDGET)), whole dist/ $$whole (budget $(DIST_BUDGET))"
	@# The standard substring search and an unchecked string cut's panic message cost 4 KB of
	@# the first load and 6.6 KB of the tools (BENCHMARKS.md): one use brings them back.
	@command -v twiggy >/dev/null || { echo "FAIL: twiggy is missing: run make tools"; exit 1; }
	@for wasm in $(WASM_RELEASE)/autodiag.wasm $(WASM_RELEASE)/outils.wasm; do \
	  [ -f "$$wasm" ] || { echo "FAIL: $$wasm is missing: run make dist"; exit 1; }; \
	  if twiggy top -n 1000000 "$$wasm" | grep -E 'StrSearcher|TwoWaySearcher|str::slice_error_fail'; then \
	    echo "FAIL: $$(basename $$wasm) holds the standard substring search or an unchecked string cut: use domain::format::find_str, split_around, replace_str or str::get"; exit 1; fi; \
	done

## Tests ---------------------------------------------------------------------------------

test: tools lint test-native test-browser dist size-check dist-crash-test test-e2e
	@echo "All test layers passed."

# The core crate natively with its tests; the UI for the browser, where it runs.
lint:
	cargo fmt --all --check
	cargo clippy -p autodiag-core --all-targets --locked -- -D warnings
	cargo clippy --lib --bins --target wasm32-unknown-unknown --locked -- -D warnings
	cargo clippy --lib --bins --target wasm32-unknown-unknown --locked --features tools -- -D warnings
	cargo clippy --lib --bins --target wasm32-unknown-unknown --locked --features crash-test -- -D warnings
	@# One type for every event handler of an event, every reactive part and every list, so
	@# Leptos compiles their code once (src/erased.rs).
	@if grep -rnP '\bon:[a-z]+=(?!handler\()' src; then \
	  echo "lint: give each on: attribute its handler through crate::erased::handler (src/erased.rs)"; exit 1; fi
	@if grep -rnF '{move ||' src; then \
	  echo "lint: write a reactive part of a view {reactive(move || …)} (crate::erased::reactive, src/erased.rs)"; exit 1; fi
	@if grep -rnF '.collect_view()' src; then \
	  echo "lint: collect a list of views with collect_any_view() (crate::erased::CollectAnyView, src/erased.rs)"; exit 1; fi
	@# The domain stays pure Rust (ARCHITECTURE.md): nothing in the core crate's own tree knows a
	@# browser. (On wasm32 alone, plotters' manifest adds wasm-bindgen and web-sys, which the core
	@# never calls.)
	@if cargo tree --locked -q -p autodiag-core -e normal --prefix none | grep -E '^(leptos|reactive_graph|tachys|web-sys|js-sys|wasm-bindgen|gloo)'; then \
	  echo "lint: the core crate must not depend on leptos, web-sys or wasm-bindgen (ARCHITECTURE.md)"; exit 1; fi

# The core crate only: its tests compile no leptos, web-sys or wasm-bindgen.
# The property tests draw from a fixed seed, so that a run of `make test` (and CI) is repeatable:
# a failure shows again with the same seed. `make explore` draws fresh seeds to find new cases.
PROPTEST_SEED := 20261202
EXPLORE_RUNS := 5

test-native:
	PROPTEST_RNG_SEED=$${PROPTEST_RNG_SEED:-$(PROPTEST_SEED)} cargo test --locked -p autodiag-core

# What an editor of content/ runs: the build's checks of every file, and the tests that read
# the content (sources, words, ids, PST, migrations). Cargo's own lines are left out, so the
# message naming the file to fix is what shows.
contenu:
	@if out=$$(cargo test --locked -q -p autodiag-core --test content --test pst --test content_migration 2>&1); then \
	  echo "contenu : tout est en ordre."; \
	else \
	  printf '%s\n' "$$out" | grep -v -E '^\s*(cargo:|Compiling |Finished |Running |process didn|Caused by|--- std|note: To improve|error: failed to run custom build|$$)' ; \
	  echo "contenu : à corriger (voir ci-dessus le fichier et l'identifiant nommés)."; exit 1; \
	fi

# The core suite EXPLORE_RUNS times, each from a random seed that a failure prints.
explore:
	cargo test --locked -p autodiag-core --no-run
	for run in $$(seq $(EXPLORE_RUNS)); do \
	  seed=$$(od -An -N8 -tu8 /dev/urandom | tr -d ' '); echo "explore: run $$run, seed $$seed"; \
	  PROPTEST_RNG_SEED=$$seed cargo test --locked -q -p autodiag-core \
	    || { echo "explore: a property failed with PROPTEST_RNG_SEED=$$seed"; exit 1; }; \
	done

# Components and storage in headless Chromium, through chromedriver.
test-browser: tools
	CHROMEDRIVER=$(CHROMEDRIVER) \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver.json \
	WASM_BINDGEN_TEST_TIMEOUT=120 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --locked --target wasm32-unknown-unknown --features tools,embedded-questions --test web

# The release build in dist/, served on 127.0.0.1 and driven in Chromium as a user would, one
# spec file per core at a time (each has its own server and browser).
test-e2e: tools
	cd $(E2E) && E2E_WORKERS=$$(nproc) AUTODIAG_DIST=$(CURDIR)/dist AUTODIAG_CRASH_DIST=$(CRASH_DIST) \
	  CHROMIUM=$(CHROMIUM) npm test

bench: dist
	cd $(E2E) && AUTODIAG_DIST=$(CURDIR)/dist CHROMIUM=$(CHROMIUM) node bench/bench.mjs $(CURDIR)/BENCHMARKS.md

clean:
	rm -rf dist target/dist-gzip-total
