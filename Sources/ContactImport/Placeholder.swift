enum ContactImportPlaceholder {}
