/** The part of madge's API (https://github.com/pahen/madge#api) the gate uses; madge ships no type declarations. */
declare module "madge" {
    interface MadgeResult {
        /** Every import circle, each as the files in order (paths relative to the base directory). */
        circular(): string[][];
    }
    interface MadgeConfig {
        fileExtensions?: string[];
        tsConfig?: string;
        baseDir?: string;
    }
    function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
    export default madge;
}
