"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.passwordProblems = passwordProblems;
/** Django's default validators, as messages per failed rule; empty when the password is acceptable. */
function passwordProblems(password, username) {
    const problems = [];
    if ([...password].length < 8) {
        problems.push('This password is too short. It must contain at least 8 characters.');
    }
    if ([...password].length > 1024)
        problems.push('Ensure this field has no more than 1024 characters.');
    if (/^\d+$/.test(password))
        problems.push('This password is entirely numeric.');
    if (password.toLowerCase() === username.toLowerCase()) {
        problems.push('The password is too similar to the username.');
    }
    return problems;
}
//# sourceMappingURL=password-policy.js.map