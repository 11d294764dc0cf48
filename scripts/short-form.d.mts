// Types for scripts/short-form.mjs (plain JavaScript, run by node without a compile step).
export declare const GENERATED_MARK: string;
export declare function shortFormActionYml(stage: string, source: string): string;
export declare function shortFormReadme(stage: string): string;
export declare function shortFormFiles(root: string, stages: readonly string[]): Map<string, string>;
export declare function staleShortForms(root: string, stages: readonly string[]): string[];
export declare function shortFormDiffs(root: string, stages: readonly string[]): string[];
