// Reading articles: every input form, validated and normalised into ArticleInput.
export { ArticleInputError, type InputFailureReason } from './errors.js';
export { prepareArticle, parseMeta, isValidPublishedAt, type ArticleInput, type RawArticle } from './prepare.js';
export { readArticleSources, prepareJsonLine, type ReadOptions, type ReadResult } from './read-sources.js';
export { fetchArticle, type FetchOptions } from './fetch.js';
export { deriveArticleId, slugify, ARTICLE_ID_PATTERN } from './article-id.js';
export { detectLanguage } from './language.js';
