// `npm run users:create-admin -- --email a@b.de --name "…" --handle …`: the first operator account
// for a production deployment (the password is read from PRAXIS_ADMIN_PASSWORD or asked for).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { boot } from '../boot.js';
import { emailField, handleField, hashPassword, passwordField } from '../modules/accounts/index.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, handle: { type: 'string' } } });
const email = emailField.parse(values.email ?? '');
const handle = handleField.parse(values.handle ?? '');
const name = (values.name ?? '').trim() || handle;
let password = process.env.PRAXIS_ADMIN_PASSWORD ?? '';
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password (at least 10 characters): ');
  rl.close();
}
const parsed = passwordField.safeParse(password);
if (!parsed.success) {
  console.error('The password is too short or too common.');
  process.exit(2);
}
const booted = await boot({ name: 'cli' });
await booted.ctx.ds.query(
  `INSERT INTO users (email, handle, name, role, status, password_hash, email_confirmed_at)
   VALUES ($1, $2, $3, 'admin', 'active', $4, now())
   ON CONFLICT (email) DO UPDATE SET role = 'admin', status = 'active', password_hash = EXCLUDED.password_hash`,
  [email, handle, name, await hashPassword(parsed.data)],
);
console.log(`Admin ${email} is ready. Two-factor sign-in is set up at the first visit of /admin.`);
await booted.shutdown();
