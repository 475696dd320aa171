export declare const ROOT: string;
export declare function stampOf(part: 'widget' | 'server'): string;
export declare function staleParts(): ('widget' | 'server')[];
export declare function isBuilt(): boolean;
