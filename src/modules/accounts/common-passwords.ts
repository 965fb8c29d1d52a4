// Passwords too common to allow: the most frequent entries of public breach lists plus the
// local ones (German words, the product's own name). Checked case-insensitively.
const LIST = `123456789 1234567890 12345678910 qwertzuiop qwertyuiop 1q2w3e4r5t 1qaz2wsx3edc
password password1 password12 password123 password1234 passwort passwort1 passwort123
iloveyou123 abc1234567 aa12345678 0123456789 9876543210 1111111111 0000000000 1234512345
qwertz1234 qwerty1234 asdfghjkl asdfghjkl1 abcdefghij zaq12wsxcx superman123 football123
sommer2024 sommer2025 sommer2026 winter2024 winter2025 winter2026 fruehling1 hallo12345
hallohallo willkommen willkommen1 geheim1234 schatz1234 fussball12 bundesliga deutschland
deutschland1 berlin1234 hamburg1234 muenchen123 praxis1234 praxis-demo praxisdemo
changeme123 letmein123 welcome123 administrator admin12345 useruser12 passw0rd123
trustno1234 starwars12 dragon1234 monkey1234 sunshine12 princess12 baseball12
verwaltung1 verwaltung123 rathaus1234 buergeramt1 beteiligung buergerbeteiligung`;

const COMMON = new Set(LIST.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (COMMON.has(p)) return true;
  // One repeated character, or a plain run of digits.
  return /^(.)\1+$/.test(p) || /^\d+$/.test(p) && '01234567890123456789'.includes(p);
}
