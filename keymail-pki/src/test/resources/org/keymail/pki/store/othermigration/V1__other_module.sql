-- Stands for the vault's schema: another module's tables and Flyway history in the same database.
CREATE TABLE other_module_table (note VARCHAR(20) NOT NULL);
INSERT INTO other_module_table VALUES ('kept');
