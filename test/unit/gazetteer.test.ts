// The gazetteer over the real GeoNames cities and world-countries data: namesakes resolved by
// population, the article's other places and countries, and its dateline.
import { describe, expect, it } from 'vitest';
import countriesData from '../../server/lexicons/countries.json' with { type: 'json' };
import placesData from '../../server/lexicons/places.json' with { type: 'json' };
import { cityCandidates, countryByCode, findCountry, MIN_UNCORROBORATED_POPULATION, resolvePlaces, type PlaceQuery } from '../../server/gazetteer/index.js';

const city = (name: string, extra: Partial<PlaceQuery> = {}): PlaceQuery => ({ name, kind: 'city', ...extra });
const where = (queries: PlaceQuery[], countries: string[] = []) =>
  Object.fromEntries([...resolvePlaces(queries, { countries })].map(([k, v]) => [k, v.countryCode]));

describe('the gazetteer', () => {
  it('gives a city its coordinates and ISO country code', () => {
    const paris = resolvePlaces([city('Paris')], { countries: [] }).get('Paris');
    expect(paris).toMatchObject({ placeKind: 'city', countryCode: 'FR' });
    expect(paris!.latitude).toBeCloseTo(48.85, 1);
    expect(paris!.longitude).toBeCloseTo(2.35, 1);
  });

  it('gives a state, province or region its coordinates, and a shared name only with the article behind it', () => {
    const saxony = resolvePlaces([{ name: 'Saxony', kind: 'region' }], { countries: [] }).get('Saxony');
    expect(saxony).toMatchObject({ placeKind: 'region', countryCode: 'DE' });
    expect(saxony!.latitude).toBeCloseTo(51.1, 0);
    expect(saxony!.longitude).toBeCloseTo(13.2, 0);
    // A US state the recogniser reads as a place.
    expect(resolvePlaces([city('Texas')], { countries: [] }).get('Texas')).toMatchObject({ placeKind: 'region', countryCode: 'US' });
    // Punjab is a province of Pakistan and a state of India.
    expect(where([{ name: 'Punjab', kind: 'region' }], ['Pakistan'])).toEqual({ Punjab: 'PK' });
    expect(where([{ name: 'Punjab', kind: 'region' }], ['India'])).toEqual({ Punjab: 'IN' });
    expect(where([{ name: 'Punjab', kind: 'region' }])).toEqual({});
    // By the lexicon's abbreviation; a bare compass word is no region.
    expect(resolvePlaces([city('Calif.')], { countries: [] }).get('Calif.')).toMatchObject({ name: 'California', countryCode: 'US' });
    expect(where([{ name: 'East', kind: 'region' }])).toEqual({});
  });

  it('takes the most populous namesake when nothing else tells them apart', () => {
    expect(where([city('Mérida')])).toEqual({ 'Mérida': 'MX' });
    expect(where([city('Hamilton')])).toEqual({ Hamilton: 'CA' });
  });

  it("prefers a namesake in a country the article names or places something in", () => {
    expect(where([city('Hamilton')], ['New Zealand'])).toEqual({ Hamilton: 'NZ' });
    expect(where([city('Hamilton'), city('Auckland')])).toEqual({ Hamilton: 'NZ', Auckland: 'NZ' });
    expect(where([city('Cambridge'), city('Boston')])).toMatchObject({ Cambridge: 'US' });
  });

  it("prefers the dateline's country", () => {
    // Mexico named, Caracas mentioned: Mexico's (larger) Mérida; filed from Caracas: Venezuela's.
    expect(where([city('Caracas'), city('Mérida')], ['Mexico'])).toMatchObject({ 'Mérida': 'MX' });
    expect(where([city('Caracas', { dateline: true }), city('Mérida')], ['Mexico'])).toMatchObject({ 'Mérida': 'VE' });
  });

  it('does not let a small namesake outweigh a far larger city on context alone', () => {
    // There is a Paris in Texas (and Kentucky, and Tennessee): an American story's Paris is still France's.
    expect(where([city('Paris'), city('Chicago')], ['United States'])).toMatchObject({ Paris: 'FR' });
  });

  it('prefers a namesake in the state or province the article names', () => {
    expect(where([city('Huntsville')])).toEqual({ Huntsville: 'US' });
    const al = resolvePlaces([city('Huntsville')], { countries: [] }).get('Huntsville')!;
    const tx = resolvePlaces([city('Huntsville'), { name: 'Texas', kind: 'region' }], { countries: [] }).get('Huntsville')!;
    expect(al.latitude).toBeCloseTo(34.7, 0); // Alabama's, the larger
    expect(tx.latitude).toBeCloseTo(30.7, 0); // Texas's prison town
    const palmer = resolvePlaces([city('Palmer'), { name: 'Alaska', kind: 'region' }], { countries: [] }).get('Palmer')!;
    expect(palmer.latitude).toBeGreaterThan(60);
  });

  it('takes a small town only when the article corroborates its country', () => {
    const small = cityCandidates('Veldhoven')[0]!;
    expect(small.population).toBeLessThan(MIN_UNCORROBORATED_POPULATION);
    expect(where([city('Veldhoven')])).toEqual({});
    expect(where([city('Veldhoven')], ['Netherlands'])).toEqual({ Veldhoven: 'NL' });
  });

  it("places a capital in its own country ('Washington' is the data's Washington, D.C.)", () => {
    const dc = resolvePlaces([{ name: 'Washington', kind: 'capital', country: 'United States' }], { countries: [] }).get('Washington');
    expect(dc).toMatchObject({ name: 'Washington, D.C.', countryCode: 'US' });
    expect(dc!.latitude).toBeCloseTo(38.9, 1);
  });

  it("follows the lexicon's aliases and other spellings to the data's city", () => {
    expect(resolvePlaces([city('NYC')], { countries: [] }).get('NYC')).toMatchObject({ name: 'New York City', countryCode: 'US' });
    expect(resolvePlaces([city('Cologne')], { countries: [] }).get('Cologne')).toMatchObject({ name: 'Köln', countryCode: 'DE' });
  });

  it('knows countries by the lexicon\'s names and the data\'s, and territories the lexicon lacks', () => {
    expect(findCountry('U.S.')).toMatchObject({ countryCode: 'US', name: 'United States', code3: 'USA' });
    expect(findCountry('Czechia')).toMatchObject({ countryCode: 'CZ', name: 'Czech Republic' });
    expect(countryByCode('gb')).toMatchObject({ name: 'United Kingdom' });
    expect(where([city('Greenland')])).toEqual({ Greenland: 'GL' });
    // Listed as a city, Hong Kong stays one.
    expect(resolvePlaces([city('Hong Kong')], { countries: [] }).get('Hong Kong')).toMatchObject({ placeKind: 'city', countryCode: 'HK' });
  });

  it('resolves nothing for an unknown name', () => {
    expect(where([city('Xqzvillebury'), { name: 'Xqz Heights', kind: 'region' }])).toEqual({});
  });

  it("gives the lexicon's areas, seas, airports and parts of states a point, and a code only where they are in one country", () => {
    const at = (q: PlaceQuery) => resolvePlaces([q], { countries: [] }).get(q.name);
    const golan = at({ name: 'Golan Heights', kind: 'region' });
    expect(golan).toMatchObject({ placeKind: 'region', countryCode: '' });
    expect(golan!.latitude).toBeCloseTo(33.0, 0);
    expect(at({ name: 'Middle East', kind: 'region' })).toMatchObject({ placeKind: 'region' });
    // The recogniser's unknown place ('city') that the lexicon lists, by name or alias.
    expect(at(city('Bay Area'))).toMatchObject({ name: 'San Francisco Bay Area', countryCode: 'US' });
    expect(at(city('Northern California'))!.latitude).toBeGreaterThan(at({ name: 'California', kind: 'region' })!.latitude);
    // London's airport, not the Florida community of that name; a large city keeps its name.
    const heathrow = at(city('Heathrow'));
    expect(heathrow).toMatchObject({ countryCode: 'GB' });
    expect(heathrow!.longitude).toBeCloseTo(-0.45, 1);
    expect(cityCandidates('Heathrow').some((c) => c.countryCode === 'US')).toBe(true);
    expect(at(city('Quebec'))).toMatchObject({ placeKind: 'city', countryCode: 'CA' });
  });

  it("knows countries by their old names and the wire's abbreviations", () => {
    expect(findCountry('Zaire')?.countryCode).toBe('CD');
    expect(findCountry('Neths')?.countryCode).toBe('NL');
  });

  it('has every listed country and city in the data (in its listed country, or its own territory)', () => {
    const missing = countriesData.countries.map(([name]) => name as string).filter((n) => !findCountry(n));
    expect(missing).toEqual([]);
    const territories = new Set(['HK', 'MO']);
    const elsewhere = placesData.cities
      .map(([name, country]) => [name as string, country as string] as const)
      .filter(([name, country]) => {
        const got = resolvePlaces([city(name)], { countries: [] }).get(name)?.countryCode;
        return got !== findCountry(country)?.countryCode && !territories.has(got ?? '');
      });
    expect(elsewhere).toEqual([]);
  });
});
