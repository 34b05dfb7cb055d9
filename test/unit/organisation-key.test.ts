// One organisation named in several forms within an article meets on one key (server/rules/coref.ts).
import { describe, expect, it } from 'vitest';
import { organisationKey } from '../../server/rules/coref.js';

describe('organisationKey', () => {
  it('drops the legal ending, so the short and long forms of a company are one', () => {
    expect(organisationKey('Acme Corp.')).toBe('acme');
    expect(organisationKey('Acme Corporation')).toBe(organisationKey('Acme'));
    expect(organisationKey('Harlow Brewing & Co.')).toBe('harlow brewing');
  });

  it('is the alias key: accents, case and punctuation do not make two organisations', () => {
    expect(organisationKey('Société Générale SA')).toBe(organisationKey('Societe Generale'));
    expect(organisationKey('SOCIÉTÉ GÉNÉRALE')).toBe('societe generale');
    expect(organisationKey('Nestlé SA')).toBe(organisationKey('Nestle'));
  });

  it('keeps names apart that differ in more than that', () => {
    expect(organisationKey('Bank of England')).not.toBe(organisationKey('Bank of Japan'));
    // A name that is only a legal word keeps it.
    expect(organisationKey('Group')).toBe('group');
  });
});
