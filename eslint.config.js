// Lint rules the compiler does not enforce: promises that nobody awaits or handles (a lost
// error, or a reply sent after its transaction), and type assertions that the types do not
// prove (a cast hides what zod should check). Type-aware, so it reads tsconfig.json.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["src/generated/**", "node_modules/**", "data/**", "test-output/**", "src/http/public/**"] },
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/no-unsafe-type-assertion": "error",
      "@typescript-eslint/no-unnecessary-type-assertion": "error",
    },
  },
);
