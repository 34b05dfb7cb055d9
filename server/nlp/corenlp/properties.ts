// The CoreNLP annotators and options the project uses, shared by the server it starts (preloaded,
// so the first article does not pay for model loading) and by every request (so a server the user
// runs elsewhere, e.g. the CoreNLP Docker image, annotates the same way).
//
// Chosen by measurement on 2 cores (README, "Extraction"): the 4-class CoNLL CRF alone instead of
// the default three stacked CRFs, and no fine-grained TokensRegex pass, since the lexicons already
// tell countries from cities, nationalities and titles. No SUTime and no numeric classifiers:
// together they cost as much CPU as the rest of tagging (ECB+ articles: 112 -> 282 ms an article
// for SUTime alone), and the project resolves dates and reads amounts with its own rules
// (server/rules/dates.ts, amounts.ts), which know the clause's tense.
//
// An article is annotated in two requests: every sentence is tagged (TAGGING), and only the
// sentences the extraction will read a parse of are sent again to be parsed (PARSE) — about 45% of
// the tokens of news text; the parser is sentence-local, so their parse is the one a whole-article
// request gives.

/** Sentences longer than this many tokens are not part-of-speech tagged (their tokens read X). */
export const POS_MAX_TOKENS = 300;

/** Every annotator either request uses, preloaded when the project starts a server. */
export const CORENLP_ANNOTATORS = 'tokenize,ssplit,pos,lemma,ner,depparse';

const COMMON: Readonly<Record<string, string>> = {
  outputFormat: 'json',
  prettyPrint: 'false',
  // The tagger spends seconds on a "sentence" of thousands of tokens (a table or a pasted list with
  // no full stop: 4,000 tokens, 20 s) and news never writes one of 300; longer ones are tagged X.
  'pos.maxlen': String(POS_MAX_TOKENS),
};

/** The first request: tokens, sentences, part of speech, lemmas and entity mentions. */
export const CORENLP_PROPERTIES: Readonly<Record<string, string>> = {
  annotators: 'tokenize,ssplit,pos,lemma,ner',
  ...COMMON,
  // Paragraph and line breaks always end a sentence, as in the built-in splitter.
  'ssplit.newlineIsSentenceBreak': 'always',
  'ner.model': 'edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz',
  'ner.applyFineGrained': 'false',
  'ner.buildEntityMentions': 'true',
  'ner.useSUTime': 'false',
  'ner.applyNumericClassifiers': 'false',
};

/** The second request: the chosen sentences, one a line, tagged and parsed. */
export const CORENLP_PARSE_PROPERTIES: Readonly<Record<string, string>> = {
  annotators: 'tokenize,ssplit,pos,depparse',
  ...COMMON,
  'ssplit.eolonly': 'true',
  'depparse.extradependencies': 'NONE',
};
