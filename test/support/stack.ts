// How tests reach the shared test PostgreSQL and Temporal (started by test/global-setup.ts).
import type { StackService } from '../../stack/services.ts';

export interface TestStackInfo {
  dataDir: string;
  superuserUrl: string;
  temporalAddress: string;
  serviceEnv: Record<StackService, Record<string, string>>;
}

export function testStack(): TestStackInfo {
  const raw = process.env.CREDENCE_TEST_STACK;
  if (!raw) throw new Error('CREDENCE_TEST_STACK is not set: run the tests with `npm test`, which starts the test stack');
  return JSON.parse(raw) as TestStackInfo;
}

/** The worker's audit signing key of the test stack. */
export async function testAuditSigningKey() {
  const { loadSigningKey } = await import('../../domain/audit-chain.ts');
  return loadSigningKey(testStack().serviceEnv.worker.AUDIT_SIGNING_KEY!);
}

/** The worker's activity dependencies on the test stack (its signing key and keyring). */
export async function testActivityDeps(orm: import('../../platform/database/orm.ts').MikroORM) {
  const { createFieldEncryption } = await import('../../platform/field-encryption/data-keys.ts');
  const { keyProviderFromConfig } = await import('../../platform/field-encryption/key-provider.ts');
  const { createLocalStorage } = await import('../../platform/storage.ts');
  const { createVerificationSources } = await import('../../workflows/credential-verification/sources/index.ts');
  const { DEFAULT_VERIFICATION_TIMINGS } = await import('../../workflows/credential-verification/shared.ts');
  const worker = testStack().serviceEnv.worker;
  return {
    orm,
    auditSigningKey: await testAuditSigningKey(),
    // The subgraphs' storage (documents), where a deleted organization's files are removed.
    storage: createLocalStorage(testStack().serviceEnv.credentials.STORAGE_DIR!),
    encryption: createFieldEncryption(keyProviderFromConfig({ keys: [], keyringFile: worker.KEYRING_FILE! })),
    // Tests that deliver mail start their own SMTP server (test/support/mail.ts) and pass its URL.
    mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'Credence <no-reply@credence.test>', publicUrl: 'https://credence.test' },
    // Tests that verify credentials start the source stand-ins and a Temporal client of their own.
    verification: {
      sources: createVerificationSources({
        nppesUrl: 'http://127.0.0.1:1', stateBoardUrl: null, stateBoardStates: [], stateBoardApiKey: null, deaUrl: null, boardCertificationUrl: null, npdbUrl: null,
        sourceTimeoutMs: 1_000, sourceAttempts: 1, sourceRetryBaseMs: 0,
      }),
      listScreens: [],
      timings: DEFAULT_VERIFICATION_TIMINGS,
      client: null,
      taskQueue: 'credence',
    },
  };
}
