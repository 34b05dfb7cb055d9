// The names of the extractors, in one list: the configuration enum (EXTRACTOR), the CLI help and
// the registry (./registry.ts) all come from it. Kept free of imports so config.ts can use it.
export const EXTRACTOR_NAMES = ['corenlp', 'rules', 'llm'] as const;
export type ExtractorName = (typeof EXTRACTOR_NAMES)[number];

export const EXTRACTOR_DESCRIPTIONS: Record<ExtractorName, string> = {
  corenlp: 'Stanford CoreNLP annotations (entities, lemmas, dependencies) read by the extraction rules (default)',
  rules: 'the built-in tokenizer and name rules only: fast, no Java',
  llm: 'an OpenAI-compatible model (LLM_BASE_URL, LLM_MODEL); every quote is located verbatim in the text',
};
