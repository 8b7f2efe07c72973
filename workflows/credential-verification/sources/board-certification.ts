// Board certification, asked of an ABMS-style certification lookup:
//   GET {base}/v1/physicians?npi=<npi>
//   → { "physicians": [{ "npi", "name": { "firstName", "lastName" },
//        "certificates": [{ "certificateId", "board": { "code", "name" }, "specialty",
//          "status": "CERTIFIED" | "NOT_CERTIFIED" | "EXPIRED" | "REVOKED" | ..., "issuedOn",
//          "expirationDate": "YYYY-MM-DD" | null (lifetime), "meetingMocRequirements": true | false | null }] }] }
// The credential's issuer names the board (its code or its name), its number the certificate.
import { sameName } from '../../../domain/person-names.ts';
import { AppError } from '../../../platform/errors.ts';
import { dateAtSource, expiryProblems, isoDay, isRecord, nameProblems, PROBLEM_CODES, sameCredentialNumber, stringOrNull } from './compare.ts';
import { requestSource, unexpectedStatus, unreadable, type Interpretation } from './source-request.ts';
import { resultOf, type CheckProblem, type SourceHttpSettings, type VerificationSource } from './source.ts';

interface CertificateAtSource {
  id: string;
  boardCode: string | null;
  boardName: string | null;
  specialty: string | null;
  status: string;
  expirationDate: string | null;
  meetingMocRequirements: boolean | null;
}

interface PhysicianAtSource {
  npi: string;
  firstName: string | null;
  lastName: string | null;
  certificates: CertificateAtSource[];
}

function parseCertificate(raw: unknown): CertificateAtSource | undefined {
  if (!isRecord(raw) || typeof raw.certificateId !== 'string' || typeof raw.status !== 'string') return undefined;
  const expirationDate = dateAtSource(raw.expirationDate);
  if (expirationDate === undefined) return undefined;
  const board = isRecord(raw.board) ? raw.board : {};
  return {
    id: raw.certificateId,
    boardCode: stringOrNull(board.code),
    boardName: stringOrNull(board.name),
    specialty: stringOrNull(raw.specialty),
    status: raw.status.toUpperCase(),
    expirationDate,
    meetingMocRequirements: typeof raw.meetingMocRequirements === 'boolean' ? raw.meetingMocRequirements : null,
  };
}

function parsePhysician(raw: unknown): PhysicianAtSource | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.certificates)) return undefined;
  const npi = typeof raw.npi === 'number' ? String(raw.npi) : raw.npi;
  if (typeof npi !== 'string') return undefined;
  const certificates = raw.certificates.map(parseCertificate);
  if (certificates.some((certificate) => certificate === undefined)) return undefined;
  const name = isRecord(raw.name) ? raw.name : {};
  return { npi, firstName: stringOrNull(name.firstName), lastName: stringOrNull(name.lastName), certificates: certificates as CertificateAtSource[] };
}

function interpret(status: number, json: unknown): Interpretation<PhysicianAtSource[]> {
  if (status === 404) return { value: [] };
  if (status !== 200) return unexpectedStatus(status);
  if (!isRecord(json) || !Array.isArray(json.physicians)) return unreadable('no physicians list');
  const physicians = json.physicians.map(parsePhysician);
  if (physicians.some((physician) => physician === undefined)) return unreadable('a physician or certificate that cannot be read');
  return { value: physicians as PhysicianAtSource[] };
}

function isFromBoard(certificate: CertificateAtSource, issuer: string): boolean {
  return [certificate.boardCode, certificate.boardName].some((board) => board !== null && sameName(issuer, board));
}

export function createBoardCertificationSource(baseUrl: string, settings: SourceHttpSettings): VerificationSource {
  return {
    name: 'BOARD_CERTIFICATION',
    async check(subject, options) {
      const { credential, physician } = subject;
      if (credential === null) throw new AppError('INTERNAL_SERVER_ERROR', 'A board certification check needs the certificate, and none was given');
      const outcome = await requestSource({
        source: 'BOARD_CERTIFICATION',
        baseUrl,
        path: '/v1/physicians',
        query: { npi: physician.npi },
        interpret: (response) => interpret(response.status, response.json()),
      }, settings, options);
      if (!outcome.ok) return outcome.check;
      const { evidence } = outcome;
      const atSource = outcome.value.find((candidate) => candidate.npi === physician.npi);
      if (!atSource) {
        return { source: 'BOARD_CERTIFICATION', result: 'NOT_FOUND', problems: [{ field: 'npi', code: PROBLEM_CODES.notFoundAtSource, recorded: physician.npi, atSource: null }], evidence };
      }
      const fromBoard = atSource.certificates.filter((certificate) => isFromBoard(certificate, credential.issuer));
      if (fromBoard.length === 0) {
        return { source: 'BOARD_CERTIFICATION', result: 'NOT_FOUND', problems: [{ field: 'issuer', code: PROBLEM_CODES.notFoundAtSource, recorded: credential.issuer, atSource: null }], evidence };
      }
      const certificate = fromBoard.find((candidate) => sameCredentialNumber(candidate.id, credential.number));
      const problems: CheckProblem[] = nameProblems(physician, { givenName: atSource.firstName, familyName: atSource.lastName });
      if (!certificate) {
        problems.push({ field: 'number', code: PROBLEM_CODES.numberDiffers, recorded: credential.number, atSource: fromBoard.map((candidate) => candidate.id).join('; ') });
        return { source: 'BOARD_CERTIFICATION', result: 'MISMATCH', problems, evidence };
      }
      if (certificate.status === 'EXPIRED') problems.push({ field: 'status', code: PROBLEM_CODES.expiredAtSource, recorded: null, atSource: certificate.status });
      else if (certificate.status !== 'CERTIFIED') problems.push({ field: 'status', code: PROBLEM_CODES.inactive, recorded: null, atSource: certificate.status });
      if (certificate.meetingMocRequirements === false) problems.push({ field: 'meetingMocRequirements', code: PROBLEM_CODES.mocRequirementsNotMet, recorded: null, atSource: 'false' });
      problems.push(...expiryProblems(credential.expiresOn, certificate.expirationDate, isoDay(settings.now()))
        .filter((problem) => !(problem.code === PROBLEM_CODES.expiredAtSource && certificate.status === 'EXPIRED')));
      return {
        source: 'BOARD_CERTIFICATION',
        result: resultOf(problems),
        problems,
        evidence,
        atSource: {
          board: certificate.boardCode ?? certificate.boardName,
          specialty: certificate.specialty,
          status: certificate.status,
          expiresOn: certificate.expirationDate,
          meetingMocRequirements: certificate.meetingMocRequirements === null ? null : String(certificate.meetingMocRequirements),
        },
      };
    },
  };
}
