// The password rules of Credence (DESIGN.md, identity): at least 12 characters after NFKC
// normalization, and a zxcvbn score of 3 or more with the user's own name and email as context.
export const PASSWORD_POLICY = Object.freeze({ minLength: 12, minStrengthScore: 3 });
