// The map's own layer of places: the most connected places in the graph, loaded when the map first
// opens, so the map shows where things are even before the graph has loaded those places (the
// opening view holds actors, issues and events only).
import { request } from './api.js';
import { MapPlacesQuery } from './operations.js';
import { toNodeData, type NodeData } from './to-elements.js';

/** As many as one page holds (MAX_PAGE_SIZE's default). */
export const MAP_LAYER_PLACES = 100;

export async function loadMapLayer(): Promise<NodeData[]> {
  const data = await request(MapPlacesQuery, { first: MAP_LAYER_PLACES });
  return data.places.edges.map(({ node: p }) =>
    toNodeData({ id: p.id, name: p.name, type: p.type, kind: null, eventType: null, date: null, degree: p.degree, latitude: p.latitude, longitude: p.longitude, articleCount: p.articleCount }),
  );
}
