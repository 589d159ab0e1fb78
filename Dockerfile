# The web image: gunicorn serving the blog, static files through whitenoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BLOG_DATA_DIR=/data

WORKDIR /app

COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY . .
# collectstatic needs settings, not secrets: a throwaway key for this step only.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --create-home --home-dir /home/blog blog \
    && mkdir -p /data/media /secrets \
    && chown -R blog /data /secrets

USER blog
EXPOSE 8000

CMD ["gunicorn", "blog.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
