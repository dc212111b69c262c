import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../domain/errors';

/** argon2id (the library's default algorithm) with OWASP's recommended memory and time cost. */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Throws `AppError` on the `password` field when the password breaks the policy. */
export function checkPasswordPolicy(username: string, password: string, field = 'password'): void {
	if (password.length < PASSWORD_MIN_LENGTH)
		throw new AppError('PASSWORD_TOO_SHORT', field, { min: PASSWORD_MIN_LENGTH });
	if (password.length > PASSWORD_MAX_LENGTH)
		throw new AppError('PASSWORD_TOO_LONG', field, { max: PASSWORD_MAX_LENGTH });
	if (password.trim().toLowerCase() === username.trim().toLowerCase())
		throw new AppError('PASSWORD_EQUALS_USERNAME', field);
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword('sunlit-no-such-account');
	return dummyHash;
}
