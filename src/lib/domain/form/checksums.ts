/**
 * Check-character validation of the identity numbers an application form asks for. Pure string
 * arithmetic: no lookup of region codes or registers, so a number that passes is well-formed, not
 * necessarily issued.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';
const ID_RE = /^\d{17}[\dXx]$/;

/**
 * Whether `s` is an 18-character 居民身份证号码 (GB 11643-1999): 17 digits and a check character
 * (a digit, or `X` — lower-case `x` is accepted too) that matches the weighted sum mod 11, with a
 * birth date (characters 7–14, YYYYMMDD) that exists in the calendar and lies in 1900–2099.
 * Whether the birth date is in the future is not checked (that needs a clock).
 */
export function isValidIdCard(s: string): boolean {
	if (!ID_RE.test(s)) return false;
	if (!isPlausibleBirthDate(s.slice(6, 14))) return false;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(s[i]) * (ID_WEIGHTS[i] ?? 0);
	return ID_CHECK[sum % 11] === s[17]?.toUpperCase();
}

function isPlausibleBirthDate(yyyymmdd: string): boolean {
	const year = Number(yyyymmdd.slice(0, 4));
	const month = Number(yyyymmdd.slice(4, 6));
	const day = Number(yyyymmdd.slice(6, 8));
	if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
	return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The 31 characters of 统一社会信用代码 (digits and upper-case letters without I O S V Z). */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Whether `s` is an 18-character 统一社会信用代码 (GB 32100-2015): every character from the
 * charset above (upper case only; callers may upper-case input first) and the last one equal to
 * 31 − (weighted sum of the first 17 mod 31), with 31 written as `0`.
 */
export function isValidCreditCode(s: string): boolean {
	if (s.length !== 18) return false;
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const v = CREDIT_CHARSET.indexOf(s[i] ?? '');
		if (v < 0) return false;
		sum += v * (CREDIT_WEIGHTS[i] ?? 0);
	}
	const check = (31 - (sum % 31)) % 31;
	return CREDIT_CHARSET[check] === s[17];
}

/** Whether `s` is a mainland mobile number: 11 digits starting with 13–19. */
export function isValidMobile(s: string): boolean {
	return /^1[3-9]\d{9}$/.test(s);
}
