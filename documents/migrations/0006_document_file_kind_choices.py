from django.db import migrations, models

# Only the choices change: 0001 recorded ("PDF", "Pdf") and its like, while
# every stored kind was already the lowercase key ("pdf") that StoredFile.save
# takes from the file's content. No row needs rewriting, and going back only
# brings the wrong labels back.


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_search_statistics")]

    operations = [
        migrations.AlterField(
            model_name="documentfile",
            name="kind",
            field=models.CharField(
                choices=[
                    ("pdf", "PDF"),
                    ("doc", "DOC"),
                    ("docx", "DOCX"),
                    ("xls", "XLS"),
                    ("xlsx", "XLSX"),
                    ("odt", "ODT"),
                ],
                editable=False,
                max_length=10,
                verbose_name="loại",
            ),
        ),
    ]
