/**
 * Django's default validators, as messages per failed rule; empty when the password is acceptable.
 * The length limit (1024) is the DTO's (RegisterUserDto, ChangePasswordDto).
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 8) {
    problems.push('This password is too short. It must contain at least 8 characters.');
  }
  if (/^\d+$/.test(password)) problems.push('This password is entirely numeric.');
  if (password.toLowerCase() === username.toLowerCase()) {
    problems.push('The password is too similar to the username.');
  }
  return problems;
}
