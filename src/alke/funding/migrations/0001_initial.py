"""The AKKE funding models, moved here from the agreements app with their data.

The tables the agreements app created (agreements_appropriation and the rest, with their history tables)
are taken over as they are (state only), then renamed to this app's names; the content types follow, so
admin log entries and permissions keep pointing at the same models.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MOVED = ["appropriation", "fundedentity", "historicalappropriation", "historicalledgerentry", "historicalregionallocation", "ledgerentry", "regionallocation", "historicalfundedentity"]


def move_content_types(apps, schema_editor, source="agreements", target="funding"):
    """Relabel the moved models' content types instead of leaving stale ones behind."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            ContentType.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="funding", target="agreements")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('agreements', '0002_agenda_item_minutes'),
        ('regions', '0002_council_name_labels'),
        ('rounds', '0002_notification'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Appropriation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(auto_now=True, verbose_name='muokattu')),
                        ('budget_item', models.CharField(default='32.30.40', help_text='Talousarvion momentti, esim. 32.30.40.', max_length=16, verbose_name='momentti')),
                        ('name', models.CharField(default='Alueiden kestävän kasvun ja elinvoiman tukeminen (AKKE)', max_length=255, verbose_name='nimi')),
                        ('total', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0.00'))], verbose_name='määräraha yhteensä (€)')),
                        ('equal_share_percent', models.DecimalField(decimal_places=2, default=Decimal('70.00'), help_text='Loppuosa jaetaan väkiluvun suhteessa.', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='tasan jaettava osuus (%)')),
                        ('population_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='väkiluvun vuosi')),
                        ('decision_reference', models.CharField(blank=True, max_length=255, verbose_name='päätös')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demosisältöä')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('modified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                        ('round', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='appropriations', to='rounds.round')),
                    ],
                    options={
                        'db_table': 'agreements_appropriation',
                        'verbose_name': 'määräraha',
                        'verbose_name_plural': 'määrärahat',
                        'ordering': ['round', 'budget_item'],
                    },
                ),
                migrations.CreateModel(
                    name='FundedEntity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(auto_now=True, verbose_name='muokattu')),
                        ('name_fi', models.CharField(max_length=255, verbose_name='kokonaisuus')),
                        ('name_sv', models.CharField(blank=True, max_length=255, verbose_name='kokonaisuus ruotsiksi')),
                        ('recipient', models.CharField(blank=True, max_length=255, verbose_name='toteuttaja')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='summa (€)')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='järjestys')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demosisältöä')),
                        ('conclusion', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='funded_entities', to='agreements.conclusion', verbose_name='johtopäätös')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('modified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                    ],
                    options={
                        'db_table': 'agreements_fundedentity',
                        'verbose_name': 'rahoitettava kokonaisuus',
                        'verbose_name_plural': 'rahoitettavat kokonaisuudet',
                        'ordering': ['allocation', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAppropriation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(blank=True, editable=False, verbose_name='muokattu')),
                        ('budget_item', models.CharField(default='32.30.40', help_text='Talousarvion momentti, esim. 32.30.40.', max_length=16, verbose_name='momentti')),
                        ('name', models.CharField(default='Alueiden kestävän kasvun ja elinvoiman tukeminen (AKKE)', max_length=255, verbose_name='nimi')),
                        ('total', models.DecimalField(decimal_places=2, max_digits=14, validators=[django.core.validators.MinValueValidator(Decimal('0.00'))], verbose_name='määräraha yhteensä (€)')),
                        ('equal_share_percent', models.DecimalField(decimal_places=2, default=Decimal('70.00'), help_text='Loppuosa jaetaan väkiluvun suhteessa.', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='tasan jaettava osuus (%)')),
                        ('population_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='väkiluvun vuosi')),
                        ('decision_reference', models.CharField(blank=True, max_length=255, verbose_name='päätös')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demosisältöä')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('modified_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                        ('round', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='rounds.round')),
                    ],
                    options={
                        'db_table': 'agreements_historicalappropriation',
                        'verbose_name': 'historical määräraha',
                        'verbose_name_plural': 'historical määrärahat',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalLedgerEntry',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(blank=True, editable=False, verbose_name='muokattu')),
                        ('kind', models.CharField(choices=[('commitment', 'sidottu'), ('payment', 'maksettu'), ('release', 'vapautettu sidonta')], max_length=12, verbose_name='laji')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='summa (€)')),
                        ('booked_on', models.DateField(verbose_name='päivä')),
                        ('reference', models.CharField(help_text='Päätöksen tai maksun tunniste.', max_length=100, verbose_name='viite')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='lisätieto')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demosisältöä')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('entity', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.fundedentity')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('modified_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                    ],
                    options={
                        'db_table': 'agreements_historicalledgerentry',
                        'verbose_name': 'historical kirjaus',
                        'verbose_name_plural': 'historical kirjaukset',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalRegionAllocation',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(blank=True, editable=False, verbose_name='muokattu')),
                        ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='väkiluku')),
                        ('proposed_amount', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=14, verbose_name='kaavan ehdotus (€)')),
                        ('amount', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=14, verbose_name='kohdennettu (€)')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('appropriation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.appropriation')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('modified_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                        ('region', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='regions.region')),
                    ],
                    options={
                        'db_table': 'agreements_historicalregionallocation',
                        'verbose_name': 'historical maakunnan osuus',
                        'verbose_name_plural': 'historical maakuntien osuudet',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='LedgerEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(auto_now=True, verbose_name='muokattu')),
                        ('kind', models.CharField(choices=[('commitment', 'sidottu'), ('payment', 'maksettu'), ('release', 'vapautettu sidonta')], max_length=12, verbose_name='laji')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='summa (€)')),
                        ('booked_on', models.DateField(verbose_name='päivä')),
                        ('reference', models.CharField(help_text='Päätöksen tai maksun tunniste.', max_length=100, verbose_name='viite')),
                        ('note', models.CharField(blank=True, max_length=255, verbose_name='lisätieto')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demosisältöä')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('entity', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ledger', to='funding.fundedentity')),
                        ('modified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                    ],
                    options={
                        'db_table': 'agreements_ledgerentry',
                        'verbose_name': 'kirjaus',
                        'verbose_name_plural': 'kirjaukset',
                        'ordering': ['entity', 'booked_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RegionAllocation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(auto_now=True, verbose_name='muokattu')),
                        ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='väkiluku')),
                        ('proposed_amount', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=14, verbose_name='kaavan ehdotus (€)')),
                        ('amount', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=14, verbose_name='kohdennettu (€)')),
                        ('appropriation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='allocations', to='funding.appropriation')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('modified_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                        ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='allocations', to='regions.region')),
                    ],
                    options={
                        'db_table': 'agreements_regionallocation',
                        'verbose_name': 'maakunnan osuus',
                        'verbose_name_plural': 'maakuntien osuudet',
                        'ordering': ['appropriation', 'region__code'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalFundedEntity',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='luotu')),
                        ('modified_at', models.DateTimeField(blank=True, editable=False, verbose_name='muokattu')),
                        ('name_fi', models.CharField(max_length=255, verbose_name='kokonaisuus')),
                        ('name_sv', models.CharField(blank=True, max_length=255, verbose_name='kokonaisuus ruotsiksi')),
                        ('recipient', models.CharField(blank=True, max_length=255, verbose_name='toteuttaja')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='summa (€)')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='järjestys')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='demosisältöä')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('conclusion', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='agreements.conclusion', verbose_name='johtopäätös')),
                        ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='luoja')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('modified_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='muokkaaja')),
                        ('allocation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='funding.regionallocation')),
                    ],
                    options={
                        'db_table': 'agreements_historicalfundedentity',
                        'verbose_name': 'historical rahoitettava kokonaisuus',
                        'verbose_name_plural': 'historical rahoitettavat kokonaisuudet',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.AddField(
                    model_name='fundedentity',
                    name='allocation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entities', to='funding.regionallocation'),
                ),
                migrations.AddConstraint(
                    model_name='appropriation',
                    constraint=models.UniqueConstraint(fields=('round', 'budget_item'), name='unique_appropriation_item'),
                ),
                migrations.AddConstraint(
                    model_name='ledgerentry',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='ledger_amount_positive'),
                ),
                migrations.AddConstraint(
                    model_name='regionallocation',
                    constraint=models.UniqueConstraint(fields=('appropriation', 'region'), name='unique_region_allocation'),
                ),
                migrations.AddConstraint(
                    model_name='regionallocation',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='allocation_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='fundedentity',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='entity_amount_positive'),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='appropriation', table=None),
        migrations.AlterModelTable(name='fundedentity', table=None),
        migrations.AlterModelTable(name='historicalappropriation', table=None),
        migrations.AlterModelTable(name='historicalledgerentry', table=None),
        migrations.AlterModelTable(name='historicalregionallocation', table=None),
        migrations.AlterModelTable(name='ledgerentry', table=None),
        migrations.AlterModelTable(name='regionallocation', table=None),
        migrations.AlterModelTable(name='historicalfundedentity', table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
