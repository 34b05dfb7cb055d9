// The one set of CoreNLP annotators and options the project uses, shared by the server it starts
// (preloaded, so the first article does not pay for model loading) and by every request (so a
// server the user runs elsewhere, e.g. the CoreNLP Docker image, annotates the same way).
//
// Chosen by measurement on 2 cores (README, "Extraction"): the 4-class CoNLL CRF alone instead of
// the default three stacked CRFs, and no fine-grained TokensRegex pass, since the lexicons already
// tell countries from cities, nationalities and titles; SUTime stays on for dates.
export const CORENLP_ANNOTATORS = 'tokenize,ssplit,pos,lemma,ner,depparse';

export const CORENLP_PROPERTIES: Readonly<Record<string, string>> = {
  annotators: CORENLP_ANNOTATORS,
  outputFormat: 'json',
  prettyPrint: 'false',
  // Paragraph and line breaks always end a sentence, as in the built-in splitter.
  'ssplit.newlineIsSentenceBreak': 'always',
  'ner.model': 'edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz',
  'ner.applyFineGrained': 'false',
  'ner.buildEntityMentions': 'true',
  'ner.useSUTime': 'true',
  'ner.applyNumericClassifiers': 'true',
  'depparse.extradependencies': 'NONE',
};
