import { Migration } from '@mikro-orm/migrations';

// A mail's link secret becomes an encrypted column like every other (bytea, declared with
// encrypted() on its entity): the stored base64 text is decoded to the same ciphertext bytes, so
// a message waiting to be sent still opens. By hand: the conversion (the differ casts the text),
// and without the differ's needless re-creation of the table's policies.
export class Migration20261203193509_mail_outbox_secret_bytea extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "mail"."outbox" alter column "secret" type bytea using decode("secret", 'base64')`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "mail"."outbox" alter column "secret" type text using encode("secret", 'base64')`);
  }
}
