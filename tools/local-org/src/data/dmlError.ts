/** One error of a DML row (Database.Error: status code, message, fields), shared by DML and the standard objects' rules. */
export interface DmlError {
    statusCode: string;
    message: string;
    fields: string[];
}
