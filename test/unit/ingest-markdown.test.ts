// Markdown articles to stored text: CommonMark and GFM read by a real parser, front matter by
// gray-matter. Each case here is one the regular expressions used before got wrong.
import { describe, expect, it } from 'vitest';
import { ArticleInputError, prepareArticle } from '../../server/ingest/index.js';
import { MarkdownError, markdownToText } from '../../server/ingest/markdown.js';

const text = (md: string) => markdownToText(md).text;
const front = (yaml: string) => markdownToText(`---\n${yaml}\n---\nThe minister resigned on Monday.\n`).frontMatter;

describe('markdownToText: the body', () => {
  it('drops nested emphasis markers and keeps escaped ones as the characters they stand for', () => {
    expect(text('***Breaking:*** the **prime minister *resigned*** on Monday, *said **Reuters***.')).toBe(
      'Breaking: the prime minister resigned on Monday, said Reuters.',
    );
    expect(text('Prices rose 2\\*3\\* times, \\*not emphasis\\*, and un*frigging*believable.')).toBe(
      'Prices rose 2*3* times, *not emphasis*, and unfriggingbelievable.',
    );
  });

  it('keeps the text of full, collapsed and shortcut reference links and drops their definitions, even on two lines', () => {
    const md = 'According to [the report][r], [Reuters][] and [AP] said so.\n\n[r]:\n  http://example.com/report\n  "The report"\n[reuters]: http://reuters.com\n[ap]: <http://ap.org>';
    expect(text(md)).toBe('According to the report, Reuters and AP said so.');
    // Brackets without a definition are not links: they stay as written.
    expect(text('He called it [sic][none].')).toBe('He called it [sic][none].');
  });

  it('reads a setext heading over several lines as one heading', () => {
    expect(text('Spain votes in\na snap election\n==============\n\nPolls open at nine.')).toBe('Spain votes in a snap election\n\nPolls open at nine.');
  });

  it('reads HTML blocks as text without scripts, styles or comments', () => {
    const md = '<div class="lede">\n<p>Held in <b>Rome</b> on Friday.</p>\n<script>track("PWNED")</script>\n<style>p{color:red}</style>\n</div>\n\n<!-- editor note: check PWNED -->\n\nThe talks ended.';
    expect(text(md)).toBe('Held in Rome on Friday.\n\nThe talks ended.');
  });

  it('reads each table row as its own line with its cells apart', () => {
    const md = '| Party | Seats |\n|:------|------:|\n| PSOE | 121 |\n| PP \\| allies | `137` |\n\nAfter the table.';
    expect(text(md)).toBe('Party; Seats\n\nPSOE; 121\n\nPP | allies; 137\n\nAfter the table.');
  });

  it('decodes entities, takes hard breaks as spaces and drops code blocks and images', () => {
    expect(text('AT&amp;T and Procter &#38; Gamble met\\\nin Ohio  \nlast week.')).toBe('AT&T and Procter & Gamble met in Ohio last week.');
    expect(text('The suspect fled.\n\n    rm -rf /\n\n```js\nalert(1)\n```\n\n![Photo: Reuters](p.jpg) Police gave chase.')).toBe('The suspect fled.\n\nPolice gave chase.');
  });

  it('makes each list item and each quoted paragraph its own paragraph', () => {
    expect(text('- Ministers met.\n- They agreed:\n  1. a ceasefire\n  2. talks\n\n> "We are ready,"\n> he said.\n>\n> Nobody else spoke.')).toBe(
      'Ministers met.\n\nThey agreed:\n\na ceasefire\n\ntalks\n\n"We are ready," he said.\n\nNobody else spoke.',
    );
  });

  it('takes a leading rule that is never closed as a rule, not as front matter', () => {
    expect(markdownToText('---\nThe minister resigned.\n')).toEqual({ text: 'The minister resigned.', frontMatter: {} });
  });
});

describe('markdownToText: front matter', () => {
  it('reads quoted, escaped and folded strings as YAML does', () => {
    expect(front(`title: "Spain: the \\"snap\\" election"\nauthor: 'Conan O''Brien'\nsource: >\n  The Daily\n  Courier`)).toEqual({
      title: 'Spain: the "snap" election',
      author: "Conan O'Brien",
      source: 'The Daily Courier',
    });
  });

  it('keeps dates as written, without a trailing comment, and joins lists', () => {
    expect(front('date: 2024-02-01 # updated later\npublishedAt: 2023-07-24T10:30:00Z\nauthor: [Ana Pérez, Luis Gómez]')).toEqual({
      date: '2024-02-01',
      publishedAt: '2023-07-24T10:30:00Z',
      author: 'Ana Pérez, Luis Gómez',
    });
  });

  it('never runs a JavaScript front-matter block', () => {
    const g = globalThis as { frontMatterRan?: boolean };
    expect(() => markdownToText('---js\n{ title: (globalThis.frontMatterRan = true, "x") }\n---\nText.')).toThrow(MarkdownError);
    expect(g.frontMatterRan).toBeUndefined();
  });
});

describe('prepareArticle with Markdown', () => {
  const prepare = (md: string) => prepareArticle({ text: md, meta: {}, origin: 'note.md', fileName: 'note.md' }, { maxBytes: 100_000 });
  const BODY = 'The minister resigned on Monday after a week of protests in the capital.';

  it('fills title, author, source, url and date from the front matter', () => {
    const a = prepare(`---\ntitle: "Minister quits: what next"\nauthor: Ana Pérez\nsource: The Courier\nurl: https://example.com/a\ndate: 2024-02-01\n---\n# Minister quits\n\n${BODY}\n`);
    expect(a.meta).toMatchObject({ title: 'Minister quits: what next', author: 'Ana Pérez', source: 'The Courier', url: 'https://example.com/a', publishedAt: '2024-02-01' });
    expect(a.text).toBe(`Minister quits\n\n${BODY}`);
  });

  it('refuses front matter that is not valid YAML, and a date that does not exist, as malformed', () => {
    for (const [md, says] of [
      [`---\ntitle: "unclosed\nauthor: x\n---\n${BODY}`, 'front matter is not valid YAML'],
      [`---\ndate: 2019-02-30\n---\n${BODY}`, 'publishedAt'],
      [`---\n- just\n- a list\n---\n${BODY}`, 'key: value'],
      [`${BODY}\n\n${'*'.repeat(20_000)}deep${'*'.repeat(20_000)}`, 'nested too deeply'],
      [`${BODY}\n\n${'> '.repeat(5_000)}quote`, 'nested too deeply'],
      [`${BODY}\n\n${'- '.repeat(5_000)}item`, 'nested too deeply'],
    ]) {
      let err: unknown;
      try {
        prepare(md!);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArticleInputError);
      expect((err as ArticleInputError).reason).toBe('malformed');
      expect((err as Error).message).toContain(says);
    }
  });
});
