// The offline world map's geometry: Natural Earth's countries (world-atlas TopoJSON, bundled by
// Vite, nothing fetched at run time) in one fixed projection, as SVG path data, and the one
// function that turns WGS84 degrees into the map's coordinates. Pure, so tests run it in Node.
import { geoGraticule10, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };

/** The map's own coordinate space; the SVG's viewBox scales it to the screen. */
export const MAP_SIZE = { width: 960, height: 500 } as const;

export interface CountryShape {
  /** ISO 3166-1 numeric code, as world-atlas keys its countries ("156" is China). */
  id: string;
  name: string;
  d: string;
}

export interface WorldGeometry {
  sphere: string;
  graticule: string;
  countries: CountryShape[];
}

type CountryProps = { name?: string };

function makeProjection(): GeoProjection {
  return geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [MAP_SIZE.width - 4, MAP_SIZE.height - 4],
    ],
    { type: 'Sphere' },
  );
}

const projection = makeProjection();

/** Map coordinates of a point given in degrees, or null when it is not a real position. */
export function project(lon: number, lat: number): [number, number] | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const p = projection([lon, lat]);
  return p ? [p[0], p[1]] : null;
}

/** Degrees of a point in map coordinates (the inverse of `project`). */
export function unproject(x: number, y: number): [number, number] | null {
  const p = projection.invert?.([x, y]);
  return p ? [p[0], p[1]] : null;
}

let cached: WorldGeometry | null = null;

/** The countries, the globe's outline and a 10° graticule as SVG path data (built once). */
export function worldGeometry(): WorldGeometry {
  if (cached) return cached;
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<CountryProps> }>;
  const collection = feature(topology, topology.objects.countries);
  const path = geoPath(projection);
  const countries = collection.features.map((f: Feature<Geometry, CountryProps>) => ({
    id: String(f.id ?? ''),
    name: f.properties?.name ?? '',
    d: path(f) ?? '',
  }));
  cached = { sphere: path({ type: 'Sphere' }) ?? '', graticule: path(geoGraticule10()) ?? '', countries };
  return cached;
}
