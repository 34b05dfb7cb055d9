// The "Add article" dialog: text, HTML or a URL with its metadata, sent to ingestArticle with
// the bearer token the user typed (remembered in localStorage).
import type { IngestArticleInput, IngestArticleMutation as IngestResult } from '../generated/graphql.js';
import { request } from './api.js';
import { byId, h } from './dom.js';
import { IngestArticleMutation } from './operations.js';

const TOKEN_KEY = 'news-graph.ingest-token';

export function setupIngestDialog(onDone: (result: IngestResult['ingestArticle']) => void): { open(): void } {
  const dialog = byId<HTMLDialogElement>('ingest-dialog');
  const form = byId<HTMLFormElement>('ingest-form');
  const token = byId<HTMLInputElement>('ingest-token');
  const status = byId('ingest-status');
  const submit = byId<HTMLButtonElement>('ingest-submit');
  token.value = localStorage.getItem(TOKEN_KEY) ?? '';
  byId('ingest-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const get = (k: string) => String(data.get(k) ?? '').trim();
    const input: IngestArticleInput = {};
    const mode = get('mode');
    const body = get('body');
    if (mode === 'url') {
      if (!/^https?:\/\//.test(get('url'))) return showError('Enter a URL starting with http:// or https://.');
      input.url = get('url');
    } else {
      if (!body) return showError('Paste the article text or HTML.');
      if (mode === 'html') input.html = body;
      else input.text = body;
    }
    if (get('title')) input.title = get('title');
    if (get('source')) input.source = get('source');
    if (get('publishedAt')) input.publishedAt = get('publishedAt');
    localStorage.setItem(TOKEN_KEY, token.value.trim());
    submit.disabled = true;
    status.className = 'loading';
    status.textContent = 'Reading the article…';
    try {
      const result = await request(IngestArticleMutation, { input }, { token: token.value.trim() });
      const r = result.ingestArticle;
      status.className = 'ok';
      status.replaceChildren(
        h('strong', {}, `${r.outcome === 'UNCHANGED' ? 'Already known' : r.outcome === 'NEW' ? 'Added' : 'Updated'}: ${r.article.title ?? r.article.id}. `),
        `${r.created.length} new and ${r.merged.length} known entities, ${r.relationshipsCreated} relations.`,
      );
      onDone(r);
    } catch (err) {
      showError((err as Error).message);
    } finally {
      submit.disabled = false;
    }
  });
  function showError(message: string): void {
    status.className = 'error';
    status.setAttribute('role', 'alert');
    status.textContent = message;
  }
  const syncMode = () => {
    const mode = (form.elements.namedItem('mode') as RadioNodeList).value;
    byId('ingest-body-row').hidden = mode === 'url';
    byId('ingest-url-row').hidden = mode !== 'url';
  };
  form.addEventListener('change', syncMode);
  return {
    open() {
      status.textContent = '';
      status.className = '';
      syncMode();
      dialog.showModal();
    },
  };
}
