// The state breach-notification laws the engine reads: one row per jurisdiction of
// platform/us-jurisdictions.ts (50 states, DC and the five territories), to be reviewed and edited by
// a person. Each row says where its rule comes from (statute) and when it was last checked.
//
// How to read a row:
// - individuals.days: the statute's outer limit for the notice to residents, or null when it names no
//   number ("most expedient time possible and without unreasonable delay"); the engine then shows
//   HIPAA's 60-day limit with a note. `from` is what the statute counts from: DISCOVERY (learning of
//   the breach) or DETERMINATION (determining or confirming that a breach occurred; the engine counts
//   from discovery, the earliest a determination can be).
// - regulator: who else must be told (null: no state authority for a breach of this kind), from how
//   many affected residents (threshold null: any), and when: `days` after DISCOVERY or DETERMINATION,
//   or after RESIDENTS_NOTICE (0: no later than the residents' notice); days null: no number of its own,
//   shown with the notice to residents. businessDays: the statute counts business days (the engine
//   counts calendar days, the earlier reading).
// - hipaaDeemedCompliance: true where the statute treats a HIPAA-compliant notice as compliance (see
//   the row's comment for how far), false where it says the shorter clock still governs, null where
//   it was not established. The engine shows every clock either way.
// - captured: false where the statute is not captured with confidence; the engine then flags the
//   obligation and shows HIPAA's 60-day limit, never a guess.
import { US_JURISDICTIONS } from '../../platform/us-jurisdictions.ts';

export type ClockStart = 'DISCOVERY' | 'DETERMINATION';

export interface ResidentThreshold {
  count: number;
  comparison: 'MORE_THAN' | 'AT_LEAST';
}

export interface StateRegulatorRule {
  name: string;
  threshold: ResidentThreshold | null;
  days: number | null;
  from: ClockStart | 'RESIDENTS_NOTICE';
  businessDays: boolean;
}

export interface StateLaw {
  jurisdiction: string;
  statute: string;
  individuals: { days: number | null; from: ClockStart };
  regulator: StateRegulatorRule | null;
  hipaaDeemedCompliance: boolean | null;
  checkedOn: string;
  captured: boolean;
  comment: string | null;
}

const CHECKED_ON = '2026-12-02';

const noFixedDays = { days: null, from: 'DISCOVERY' } as const;
const within = (days: number, from: ClockStart) => ({ days, from });
const moreThan = (count: number): ResidentThreshold => ({ count, comparison: 'MORE_THAN' });
const atLeast = (count: number): ResidentThreshold => ({ count, comparison: 'AT_LEAST' });
const regulator = (name: string, threshold: ResidentThreshold | null, days: number | null, from: StateRegulatorRule['from'], businessDays = false): StateRegulatorRule =>
  ({ name, threshold, days, from, businessDays });

type Row = Omit<StateLaw, 'checkedOn' | 'captured' | 'comment' | 'hipaaDeemedCompliance'> & Partial<Pick<StateLaw, 'captured' | 'comment' | 'hipaaDeemedCompliance'>>;
const row = (law: Row): StateLaw => ({ hipaaDeemedCompliance: null, captured: true, comment: null, ...law, checkedOn: CHECKED_ON });
const notCaptured = (jurisdiction: string, statute: string, comment: string): StateLaw =>
  row({ jurisdiction, statute, individuals: noFixedDays, regulator: null, captured: false, comment });

export const STATE_LAWS: readonly StateLaw[] = Object.freeze([
  row({ jurisdiction: 'AL', statute: 'Ala. Code §§ 8-38-5, 8-38-6', individuals: within(45, 'DETERMINATION'),
    regulator: regulator('Attorney General', moreThan(1000), 45, 'DETERMINATION'),
    comment: '45 days after determining the breach and that it is reasonably likely to cause substantial harm.' }),
  row({ jurisdiction: 'AK', statute: 'Alaska Stat. § 45.48.010', individuals: noFixedDays, regulator: null,
    comment: 'The Attorney General is told only of a decision not to notify (no reasonable likelihood of harm).' }),
  row({ jurisdiction: 'AZ', statute: 'Ariz. Rev. Stat. § 18-552', individuals: within(45, 'DETERMINATION'),
    regulator: regulator('Attorney General and Director of the Arizona Department of Homeland Security', moreThan(1000), 45, 'DETERMINATION') }),
  row({ jurisdiction: 'AR', statute: 'Ark. Code Ann. § 4-110-105', individuals: noFixedDays,
    regulator: regulator('Attorney General', moreThan(1000), 45, 'DETERMINATION'),
    comment: 'Attorney General: with the residents\' notice or 45 days after determining a reasonable likelihood of harm, whichever is first.' }),
  row({ jurisdiction: 'CA', statute: 'Cal. Civ. Code § 1798.82', individuals: within(30, 'DISCOVERY'),
    regulator: regulator('Attorney General', moreThan(500), 15, 'RESIDENTS_NOTICE'),
    comment: 'SB 446 (2025), in force 2026-01-01: 30 calendar days after discovery; a sample notice to the Attorney General within 15 calendar days of notifying residents. Health & Safety Code § 1280.15 (licensed health facilities) does not apply to Credence.' }),
  row({ jurisdiction: 'CO', statute: 'Colo. Rev. Stat. § 6-1-716(2)', individuals: within(30, 'DETERMINATION'),
    regulator: regulator('Attorney General', atLeast(500), 30, 'DETERMINATION'), hipaaDeemedCompliance: false,
    comment: 'Where another law also applies, the shorter time governs (§ 6-1-716(3)).' }),
  row({ jurisdiction: 'CT', statute: 'Conn. Gen. Stat. § 36a-701b', individuals: within(60, 'DISCOVERY'),
    regulator: regulator('Attorney General', null, 0, 'RESIDENTS_NOTICE'), hipaaDeemedCompliance: true,
    comment: 'HIPAA/HITECH compliance is deemed compliance if the Attorney General is told no later than the residents.' }),
  row({ jurisdiction: 'DE', statute: 'Del. Code Ann. tit. 6, § 12B-102', individuals: within(60, 'DETERMINATION'),
    regulator: regulator('Attorney General', moreThan(500), 0, 'RESIDENTS_NOTICE') }),
  row({ jurisdiction: 'DC', statute: 'D.C. Code § 28-3852', individuals: noFixedDays,
    regulator: regulator('Office of the Attorney General', atLeast(50), 0, 'RESIDENTS_NOTICE') }),
  row({ jurisdiction: 'FL', statute: 'Fla. Stat. § 501.171', individuals: within(30, 'DETERMINATION'),
    regulator: regulator('Department of Legal Affairs', atLeast(500), 30, 'DETERMINATION'), hipaaDeemedCompliance: true,
    comment: '15 more days for the residents\' notice with good cause given in writing within the 30 days; a notice under the federal regulator\'s rules is deemed compliance with the residents\' notice, the Department is still told.' }),
  row({ jurisdiction: 'GA', statute: 'Ga. Code Ann. § 10-1-912', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'HI', statute: 'Haw. Rev. Stat. § 487N-2', individuals: noFixedDays,
    regulator: regulator('Office of Consumer Protection', moreThan(1000), null, 'DISCOVERY') }),
  row({ jurisdiction: 'ID', statute: 'Idaho Code § 28-51-105', individuals: noFixedDays, regulator: null,
    comment: 'Only state agencies must tell the Attorney General.' }),
  row({ jurisdiction: 'IL', statute: '815 Ill. Comp. Stat. 530/10, 530/50', individuals: noFixedDays,
    regulator: regulator('Attorney General', moreThan(500), 0, 'RESIDENTS_NOTICE'), hipaaDeemedCompliance: true,
    comment: 'HIPAA compliance is deemed compliance if the Attorney General is told within 5 business days of notifying HHS (530/50).' }),
  row({ jurisdiction: 'IN', statute: 'Ind. Code § 24-4.9-3', individuals: within(45, 'DISCOVERY'),
    regulator: regulator('Attorney General', null, null, 'DISCOVERY') }),
  row({ jurisdiction: 'IA', statute: 'Iowa Code § 715C.2', individuals: noFixedDays,
    regulator: regulator('Consumer Protection Division of the Office of the Attorney General', moreThan(500), 5, 'RESIDENTS_NOTICE', true) }),
  row({ jurisdiction: 'KS', statute: 'Kan. Stat. Ann. § 50-7a02', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'KY', statute: 'Ky. Rev. Stat. § 365.732', individuals: noFixedDays, regulator: null, hipaaDeemedCompliance: true,
    comment: 'Does not apply to a person subject to HIPAA.' }),
  row({ jurisdiction: 'LA', statute: 'La. Rev. Stat. § 51:3074; La. Admin. Code tit. 16, pt. III, § 701', individuals: within(60, 'DISCOVERY'),
    regulator: regulator('Attorney General', null, 10, 'RESIDENTS_NOTICE') }),
  row({ jurisdiction: 'ME', statute: 'Me. Rev. Stat. tit. 10, § 1348', individuals: within(30, 'DISCOVERY'),
    regulator: regulator('Attorney General (or the person\'s state regulator)', null, null, 'DISCOVERY'),
    comment: '30 days after becoming aware of the breach and identifying its scope.' }),
  row({ jurisdiction: 'MD', statute: 'Md. Code Ann., Com. Law § 14-3504', individuals: within(45, 'DISCOVERY'),
    regulator: regulator('Attorney General', null, 0, 'RESIDENTS_NOTICE'),
    comment: 'The Attorney General is told before the residents.' }),
  row({ jurisdiction: 'MA', statute: 'Mass. Gen. Laws ch. 93H, § 3', individuals: noFixedDays,
    regulator: regulator('Attorney General and Office of Consumer Affairs and Business Regulation', null, null, 'DISCOVERY') }),
  row({ jurisdiction: 'MI', statute: 'Mich. Comp. Laws § 445.72', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'MN', statute: 'Minn. Stat. § 325E.61', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'MS', statute: 'Miss. Code Ann. § 75-24-29', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'MO', statute: 'Mo. Rev. Stat. § 407.1500', individuals: noFixedDays,
    regulator: regulator('Attorney General', moreThan(1000), null, 'DISCOVERY') }),
  row({ jurisdiction: 'MT', statute: 'Mont. Code Ann. § 30-14-1704', individuals: noFixedDays,
    regulator: regulator('Office of Consumer Protection of the Department of Justice', null, 0, 'RESIDENTS_NOTICE'),
    comment: 'A copy of the residents\' notice, sent simultaneously.' }),
  row({ jurisdiction: 'NE', statute: 'Neb. Rev. Stat. § 87-803', individuals: noFixedDays,
    regulator: regulator('Attorney General', null, 0, 'RESIDENTS_NOTICE') }),
  row({ jurisdiction: 'NV', statute: 'Nev. Rev. Stat. § 603A.220', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'NH', statute: 'N.H. Rev. Stat. Ann. § 359-C:20', individuals: noFixedDays,
    regulator: regulator('Attorney General (or the person\'s primary regulator)', null, null, 'DISCOVERY') }),
  row({ jurisdiction: 'NJ', statute: 'N.J. Stat. Ann. § 56:8-163', individuals: noFixedDays,
    regulator: regulator('Division of State Police', null, 0, 'RESIDENTS_NOTICE'),
    comment: 'The State Police are told before the residents.' }),
  row({ jurisdiction: 'NM', statute: 'N.M. Stat. Ann. §§ 57-12C-6, 57-12C-10', individuals: within(45, 'DISCOVERY'),
    regulator: regulator('Attorney General', moreThan(1000), 45, 'DISCOVERY'), hipaaDeemedCompliance: true,
    comment: 'Does not apply to a person subject to HIPAA (§ 57-12C-8).' }),
  row({ jurisdiction: 'NY', statute: 'N.Y. Gen. Bus. Law § 899-aa', individuals: within(30, 'DISCOVERY'),
    regulator: regulator('Attorney General, Department of State and Division of State Police', null, null, 'DISCOVERY'), hipaaDeemedCompliance: true,
    comment: '30 days since the December 2024 amendment. A HIPAA notice satisfies the residents\' notice; a covered entity also sends the Attorney General its HHS report within 5 business days.' }),
  row({ jurisdiction: 'NC', statute: 'N.C. Gen. Stat. § 75-65', individuals: noFixedDays,
    regulator: regulator('Consumer Protection Division of the Attorney General\'s Office', null, null, 'DISCOVERY') }),
  row({ jurisdiction: 'ND', statute: 'N.D. Cent. Code § 51-30-02', individuals: noFixedDays,
    regulator: regulator('Attorney General', moreThan(250), null, 'DISCOVERY') }),
  row({ jurisdiction: 'OH', statute: 'Ohio Rev. Code Ann. § 1349.19', individuals: within(45, 'DISCOVERY'), regulator: null }),
  notCaptured('OK', 'Okla. Stat. tit. 24, §§ 161–166',
    'Amended in 2025 (notice to the Attorney General); the amended text was not captured with confidence.'),
  row({ jurisdiction: 'OR', statute: 'Or. Rev. Stat. § 646A.604', individuals: within(45, 'DISCOVERY'),
    regulator: regulator('Attorney General', moreThan(250), 45, 'DISCOVERY') }),
  row({ jurisdiction: 'PA', statute: '73 Pa. Stat. § 2303', individuals: noFixedDays,
    regulator: regulator('Attorney General', moreThan(500), 0, 'RESIDENTS_NOTICE'),
    comment: 'The Attorney General is told concurrently with the residents (Act 33 of 2024).' }),
  row({ jurisdiction: 'RI', statute: 'R.I. Gen. Laws § 11-49.3-4', individuals: within(45, 'DETERMINATION'),
    regulator: regulator('Attorney General', moreThan(500), null, 'DISCOVERY'),
    comment: '45 calendar days after confirmation of the breach.' }),
  row({ jurisdiction: 'SC', statute: 'S.C. Code Ann. § 39-1-90', individuals: noFixedDays,
    regulator: regulator('Consumer Protection Division of the Department of Consumer Affairs', moreThan(1000), null, 'DISCOVERY') }),
  row({ jurisdiction: 'SD', statute: 'S.D. Codified Laws § 22-40-20', individuals: within(60, 'DISCOVERY'),
    regulator: regulator('Attorney General', moreThan(250), null, 'DISCOVERY') }),
  row({ jurisdiction: 'TN', statute: 'Tenn. Code Ann. § 47-18-2107', individuals: within(45, 'DISCOVERY'), regulator: null, hipaaDeemedCompliance: true,
    comment: 'Does not apply to a covered entity subject to HIPAA.' }),
  row({ jurisdiction: 'TX', statute: 'Tex. Bus. & Com. Code § 521.053', individuals: within(60, 'DETERMINATION'),
    regulator: regulator('Attorney General', atLeast(250), 30, 'DETERMINATION') }),
  row({ jurisdiction: 'UT', statute: 'Utah Code Ann. § 13-44-202', individuals: noFixedDays,
    regulator: regulator('Attorney General and Utah Cyber Center', atLeast(500), null, 'DISCOVERY') }),
  row({ jurisdiction: 'VT', statute: 'Vt. Stat. Ann. tit. 9, § 2435', individuals: within(45, 'DISCOVERY'),
    regulator: regulator('Attorney General (or the Department of Financial Regulation)', null, 14, 'DISCOVERY', true),
    comment: 'A preliminary notice to the Attorney General within 14 business days of discovery, or with the residents\' notice if sooner.' }),
  row({ jurisdiction: 'VA', statute: 'Va. Code Ann. § 18.2-186.6', individuals: noFixedDays,
    regulator: regulator('Attorney General', null, null, 'DISCOVERY') }),
  row({ jurisdiction: 'WA', statute: 'Wash. Rev. Code § 19.255.010', individuals: within(30, 'DISCOVERY'),
    regulator: regulator('Attorney General', moreThan(500), 30, 'DISCOVERY'), hipaaDeemedCompliance: true,
    comment: 'A HIPAA covered entity complying with HITECH is deemed compliant for health information; the Attorney General is still told.' }),
  row({ jurisdiction: 'WV', statute: 'W. Va. Code § 46A-2A-102', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'WI', statute: 'Wis. Stat. § 134.98', individuals: within(45, 'DISCOVERY'), regulator: null,
    comment: 'Within a reasonable time, not over 45 days after learning of the breach.' }),
  row({ jurisdiction: 'WY', statute: 'Wyo. Stat. Ann. § 40-12-502', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'PR', statute: 'P.R. Laws Ann. tit. 10, §§ 4051–4055 (Act 111-2005)', individuals: noFixedDays,
    regulator: regulator('Department of Consumer Affairs (DACO)', null, 10, 'DISCOVERY') }),
  row({ jurisdiction: 'GU', statute: '9 Guam Code Ann. ch. 48', individuals: noFixedDays, regulator: null }),
  row({ jurisdiction: 'VI', statute: 'V.I. Code Ann. tit. 14, § 2208', individuals: noFixedDays, regulator: null }),
  notCaptured('AS', 'none identified (American Samoa Code Annotated)', 'No breach-notification statute was identified.'),
  notCaptured('MP', 'none identified (Commonwealth Code of the Northern Mariana Islands)', 'No breach-notification statute was identified.'),
]);

const BY_JURISDICTION = new Map(STATE_LAWS.map((law) => [law.jurisdiction, law]));

/** The row of a jurisdiction of platform/us-jurisdictions.ts (the coverage test keeps every one present). */
export function stateLawOf(jurisdiction: string): StateLaw {
  const law = BY_JURISDICTION.get(jurisdiction);
  if (!law || !US_JURISDICTIONS.has(jurisdiction)) throw new Error(`no state breach-notification row for jurisdiction "${jurisdiction}"`);
  return law;
}
