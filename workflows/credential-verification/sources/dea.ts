// DEA registration lookup. The DEA's own validation is a licensed service; this speaks a JSON
// lookup modelled on its registrant records:
//   GET {base}/v1/registrations/<number>
//   → 200 { "registration": { "registrationNumber", "name": "LAST, FIRST MIDDLE",
//        "businessActivity": { "code", "description" }, "schedules": ["2", "2N", ...],
//        "address": { "state", ... }, "expirationDate": "YYYY-MM-DD", "status": "ACTIVE" | ... } }
//   → 404 when no registration has that number.
import { namePartsOf, normalizeNamePart, sameName } from '../../../domain/person-names.ts';
import { AppError } from '../../../platform/errors.ts';
import { dateAtSource, expiryProblems, isoDay, isRecord, PROBLEM_CODES, sameCredentialNumber, stringOrNull } from './compare.ts';
import { pathSegment, requestSource, unexpectedStatus, unreadable, type Interpretation } from './source-request.ts';
import { resultOf, type CheckProblem, type SourceHttpSettings, type VerificationSource } from './source.ts';

interface RegistrationAtSource {
  number: string;
  familyName: string;
  givenNames: string;
  state: string | null;
  status: string;
  expirationDate: string | null;
  schedules: string[];
  businessActivity: string | null;
}

/** "DOE, JANE A" → family name "DOE", given names "JANE A". */
function splitRegistrantName(name: string): { familyName: string; givenNames: string } {
  const comma = name.indexOf(',');
  return comma === -1 ? { familyName: name.trim(), givenNames: '' } : { familyName: name.slice(0, comma).trim(), givenNames: name.slice(comma + 1).trim() };
}

function parseRegistration(raw: unknown): RegistrationAtSource | undefined {
  if (!isRecord(raw) || typeof raw.registrationNumber !== 'string' || typeof raw.name !== 'string' || typeof raw.status !== 'string') return undefined;
  const expirationDate = dateAtSource(raw.expirationDate);
  if (expirationDate === undefined) return undefined;
  const address = isRecord(raw.address) ? raw.address : {};
  const activity = isRecord(raw.businessActivity) ? raw.businessActivity : {};
  return {
    number: raw.registrationNumber,
    ...splitRegistrantName(raw.name),
    state: stringOrNull(address.state)?.toUpperCase() ?? null,
    status: raw.status.toUpperCase(),
    expirationDate,
    schedules: Array.isArray(raw.schedules) ? raw.schedules.filter((schedule): schedule is string => typeof schedule === 'string') : [],
    businessActivity: stringOrNull(activity.description) ?? stringOrNull(activity.code),
  };
}

function interpret(status: number, json: unknown): Interpretation<RegistrationAtSource | null> {
  if (status === 404) return { value: null };
  if (status !== 200) return unexpectedStatus(status);
  if (!isRecord(json)) return unreadable('not a JSON object');
  const registration = parseRegistration(json.registration);
  return registration ? { value: registration } : unreadable('a registration without number, name, status or a valid expiration date');
}

export function createDeaSource(baseUrl: string, settings: SourceHttpSettings): VerificationSource {
  return {
    name: 'DEA',
    async check(subject, options) {
      const { credential, physician } = subject;
      if (credential === null) throw new AppError('INTERNAL_SERVER_ERROR', 'A DEA check needs the registration, and none was given');
      const number = credential.number.replace(/[\s-]/g, '').toUpperCase();
      // Registration numbers are letters and digits: anything else is no registration, and is not sent.
      if (!/^[A-Z0-9]{1,40}$/.test(number)) {
        return { source: 'DEA', result: 'NOT_FOUND', problems: [{ field: 'number', code: PROBLEM_CODES.malformedNumber, recorded: credential.number, atSource: null }], evidence: null };
      }
      const outcome = await requestSource({
        source: 'DEA',
        baseUrl,
        path: `/v1/registrations/${pathSegment(number)}`,
        interpret: (response) => interpret(response.status, response.json()),
      }, settings, options);
      if (!outcome.ok) return outcome.check;
      const { evidence, value: registration } = outcome;
      if (registration === null || !sameCredentialNumber(registration.number, number)) {
        return { source: 'DEA', result: 'NOT_FOUND', problems: [{ field: 'number', code: PROBLEM_CODES.notFoundAtSource, recorded: credential.number, atSource: null }], evidence };
      }
      const problems: CheckProblem[] = [];
      if (!sameName(physician.familyName, registration.familyName)) {
        problems.push({ field: 'familyName', code: PROBLEM_CODES.nameDiffers, recorded: physician.familyName, atSource: registration.familyName });
      }
      // DEA records often carry a first initial only: the initial is what is compared.
      const initialOnFile = normalizeNamePart(physician.givenName).charAt(0);
      const initialAtSource = (namePartsOf(registration.givenNames)[0] ?? '').charAt(0);
      if (!initialOnFile || initialOnFile !== initialAtSource) {
        problems.push({ field: 'givenName', code: PROBLEM_CODES.initialDiffers, recorded: physician.givenName, atSource: registration.givenNames || null });
      }
      const state = credential.state?.toUpperCase() ?? null;
      if (state !== null && state !== registration.state) problems.push({ field: 'state', code: PROBLEM_CODES.stateDiffers, recorded: state, atSource: registration.state });
      if (registration.status !== 'ACTIVE') problems.push({ field: 'status', code: PROBLEM_CODES.inactive, recorded: null, atSource: registration.status });
      problems.push(...expiryProblems(credential.expiresOn, registration.expirationDate, isoDay(settings.now())));
      return {
        source: 'DEA',
        result: resultOf(problems),
        problems,
        evidence,
        atSource: {
          status: registration.status,
          expiresOn: registration.expirationDate,
          state: registration.state,
          schedules: registration.schedules.join(' ') || null,
          businessActivity: registration.businessActivity,
        },
      };
    },
  };
}
