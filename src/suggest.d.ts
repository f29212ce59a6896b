export declare function editDistance(a: string, b: string): number;
export declare function closest(word: string, candidates: readonly string[]): string | null;
