# Comments share one base (alke.core.models.Comment): the document comments, too, can be flagged as demo.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0003_move_funding_to_its_app'),
    ]

    operations = [
        migrations.AddField(
            model_name='documentcomment',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demosisältöä'),
        ),
        migrations.AddField(
            model_name='historicaldocumentcomment',
            name='is_demo',
            field=models.BooleanField(default=False, verbose_name='demosisältöä'),
        ),
    ]
