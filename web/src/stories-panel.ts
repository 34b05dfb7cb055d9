// The stories panel: the stories of the time range the filters show (newest, then largest,
// first, as the API orders them), and one story as its happenings in time order with who took
// part and where. Each name opens that entity on the canvas. Text goes in only as textContent.
import { request } from './api.js';
import type { App } from './app.js';
import { openPanel, focusEntity } from './details.js';
import { append, clear, h } from './dom.js';
import { StoriesQuery, StoryQuery } from './stories-operations.js';

/** Stories listed at once: the panel stays readable when the corpus holds thousands. */
const LIST_SIZE = 30;

const span = (first: string | null, last: string | null) => (first && last && first !== last ? `${first} – ${last}` : (first ?? last ?? 'undated'));

function entityLink(app: App, id: string, name: string): HTMLElement {
  return h('button', { type: 'button', class: 'link', onclick: () => void focusEntity(app, id) }, name);
}

export async function showStories(app: App): Promise<void> {
  const panel = openPanel();
  const { from, to } = app.state.filters;
  clear(panel);
  append(panel, h('h2', { id: 'details-title' }, 'Stories'), h('p', { class: 'muted small' }, from || to ? `${from ?? '…'} to ${to ?? '…'}` : 'All dates'));
  try {
    const data = await request(StoriesQuery, { from, to, first: LIST_SIZE });
    const list = h('ol', { class: 'stories' });
    for (const { node: s } of data.stories.edges) {
      append(
        list,
        h('li', {},
          h('button', { type: 'button', class: 'link', onclick: () => void showStory(app, s.id) }, s.title),
          h('span', { class: 'muted small' }, ` ${span(s.firstDate ?? null, s.lastDate ?? null)} · ${s.articleCount} articles · ${s.outletCount} outlets`)),
      );
    }
    append(panel, data.stories.edges.length ? list : h('p', {}, 'No story in this range.'));
    if (data.stories.totalCount > LIST_SIZE) append(panel, h('p', { class: 'muted small' }, `${LIST_SIZE} of ${data.stories.totalCount}: narrow the dates to see others.`));
  } catch (err) {
    append(panel, h('p', { class: 'error' }, `Could not load stories: ${(err as Error).message}`));
  }
}

export async function showStory(app: App, id: string): Promise<void> {
  const panel = openPanel();
  clear(panel);
  append(panel, h('p', { class: 'muted' }, 'Loading the story…'));
  try {
    const { story } = await request(StoryQuery, { id });
    clear(panel);
    if (!story) {
      append(panel, h('p', {}, 'This story is no longer in the graph.'));
      return;
    }
    append(
      panel,
      h('button', { type: 'button', class: 'link small', onclick: () => void showStories(app) }, '← Stories'),
      h('h2', { id: 'details-title' }, story.title),
      h('p', { class: 'muted small' }, `${span(story.firstDate ?? null, story.lastDate ?? null)} · ${story.articleCount} articles from ${story.outletCount} outlets${story.outlets.length ? ` (${story.outlets.slice(0, 5).join(', ')})` : ''}`),
    );
    if (story.mainActors.length) {
      const actors = h('p', {}, 'Who: ');
      story.mainActors.forEach((a, i) => append(actors, i ? ', ' : '', entityLink(app, a.id, a.name)));
      append(panel, actors);
    }
    const happenings = h('ol', { class: 'story-events' });
    for (const { node: e } of story.events.edges) {
      const who = h('div', { class: 'small' });
      e.participants.forEach((p, i) => append(who, i ? ', ' : '', entityLink(app, p.actor.id, p.actor.name), h('span', { class: 'muted' }, ` (${p.role.toLowerCase()})`)));
      e.places.forEach((p, i) => append(who, i || e.participants.length ? ' · ' : '', 'in ', entityLink(app, p.id, p.name)));
      append(happenings, h('li', {}, h('span', { class: 'muted small' }, `${e.date ?? 'undated'} `), entityLink(app, e.id, e.name), who));
    }
    append(panel, h('h3', {}, `Happenings (${story.events.totalCount})`), happenings);
  } catch (err) {
    clear(panel);
    append(panel, h('p', { class: 'error' }, `Could not load the story: ${(err as Error).message}`));
  }
}
