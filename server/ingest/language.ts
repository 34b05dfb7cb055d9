// A small language guesser: enough to refuse articles the English-only extractor would turn into
// noise. It counts frequent function words per language and looks at the script; it answers
// 'unknown' rather than guess when the evidence is thin.

const STOPWORDS: Record<string, string> = {
  en: 'the of and to in is that for it was on with as by at from his her they this have are be has had not but were which their said will would an who been its or',
  de: 'der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als nach wie aus bei sind wird wurde oder noch einer werden über hat sie er',
  fr: 'le la les et des est une un du en que qui dans pour pas sur au par avec ce il sont plus aux cette mais ont été elle nous leur ses',
  es: 'el la los las y de que en un una es por con para del se no al como su lo más pero sus le ha este fue ya entre también sobre',
  it: 'il di che la è per un una non sono della con del le gli dei nel alla anche come si più ha dal degli delle questo stato',
  pt: 'o a os as e de que em um uma não para com do da dos das se por mais ao foi como mas também ele ela são pelo pela já',
  nl: 'de het een en van is dat niet op te zijn met voor er aan ook als bij door maar om nog wordt werd zij heeft naar',
  sv: 'och att det som en på är av för med till den har de inte om ett var jag men från vid kan sig',
};

const SETS = Object.fromEntries(Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words.split(' '))]));

const SCRIPTS: Array<[string, RegExp]> = [
  ['zh', /\p{Script=Han}/u],
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['ko', /\p{Script=Hangul}/u],
  ['ru', /\p{Script=Cyrillic}/u],
  ['ar', /\p{Script=Arabic}/u],
  ['he', /\p{Script=Hebrew}/u],
  ['el', /\p{Script=Greek}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['th', /\p{Script=Thai}/u],
];

export interface LanguageGuess {
  /** ISO 639-1 code, or 'unknown'. */
  language: string;
  confident: boolean;
}

export function detectLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, 20_000);
  const letters = sample.match(/\p{L}/gu) ?? [];
  if (letters.length < 20) return { language: 'unknown', confident: false };
  let latin = 0;
  const scriptCounts = new Map<string, number>();
  for (const ch of letters) {
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    const script = SCRIPTS.find(([, re]) => re.test(ch));
    if (script) scriptCounts.set(script[0], (scriptCounts.get(script[0]) ?? 0) + 1);
  }
  if (latin < letters.length * 0.5) {
    const [top] = [...scriptCounts.entries()].sort((a, b) => b[1] - a[1]);
    // Kana outweighs Han in Japanese prose, but Han alone is Chinese.
    if (top && top[0] === 'zh' && (scriptCounts.get('ja') ?? 0) > 0) return { language: 'ja', confident: true };
    return { language: top?.[0] ?? 'unknown', confident: top !== undefined };
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.keys(SETS).map((lang) => [lang, words.filter((w) => SETS[lang]!.has(w)).length] as const);
  scores.sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best || best[1] < 5) return { language: 'unknown', confident: false };
  const confident = best[1] >= 2 * (second?.[1] ?? 0) && best[1] >= words.length * 0.05;
  return { language: best[0], confident };
}
