// Answers to the explorer's heaviest reads (the overview and neighbourhood pictures), kept for the
// graph version they were read at. Many readers ask for the same picture (everyone opens the
// same overview; a story's hubs are expanded by all who read it) and the graph changes only when
// an article is written, so each picture is read from Neo4j once per version however many ask,
// and at once: concurrent askers share one read. Every request still checks the version (one
// statement of index and count-store lookups, shared by requests that arrive together), so an
// answer is never older than the last write any process committed before that check began.
import type { Db } from './driver.js';
import { graphVersion } from './reads/version.js';

export class ReadCache {
  private version: string | null = null;
  /** Answers (or reads under way) by key, least recently used first. */
  private readonly entries = new Map<string, Promise<unknown>>();
  private versionCheck: Promise<string> | null = null;

  /** `maxEntries` 0 turns the cache off: every call reads. */
  constructor(readonly maxEntries: number) {}

  /**
   * The answer for `key` at the graph's current version: `read` runs once per version and key.
   * An answer `keep` refuses is handed out but not kept (a client asking for huge pictures must
   * not fill the server's memory with them).
   */
  async get<T>(db: Db, key: string, read: () => Promise<T>, keep: (answer: T) => boolean = () => true): Promise<T> {
    if (this.maxEntries === 0) return read();
    const version = await this.currentVersion(db);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const known = this.entries.get(key) as Promise<T> | undefined;
    if (known) {
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const answer = read();
    this.entries.set(key, answer);
    // A failed read is not kept: the next request tries again.
    answer.then(
      (value) => {
        if (!keep(value) && this.entries.get(key) === answer) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === answer) this.entries.delete(key);
      },
    );
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return answer;
  }

  /** How many answers are kept now (for tests and health). */
  get size(): number {
    return this.entries.size;
  }

  private currentVersion(db: Db): Promise<string> {
    // Requests that arrive while a check is under way share it: under load the check costs one
    // statement per round trip, not one per request.
    if (!this.versionCheck) {
      this.versionCheck = graphVersion(db).finally(() => {
        this.versionCheck = null;
      });
    }
    return this.versionCheck;
  }
}
